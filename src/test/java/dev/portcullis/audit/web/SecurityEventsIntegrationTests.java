package dev.portcullis.audit.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityEventsIntegrationTests extends IntegrationTest {

	private static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

	private static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	@Test
	void callerSeesOnlyTheirOwnEventsNewestFirst() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		// newest first: each step a second after the one before
		this.clock.advance(Duration.ofSeconds(1));
		JsonNode first = auth().signIn(email);
		this.clock.advance(Duration.ofSeconds(1));
		JsonNode second = auth().signIn(email);
		JsonNode stranger = auth().newSignedInUser();

		JsonNode events = events(access(second), "").get("events");

		List<String> sessions = new ArrayList<>();
		events.forEach((event) -> {
			assertThat(event.get("userId").asString()).isEqualTo(second.get("user").get("id").asString());
			if (event.get("type").asString().equals("session.created")) {
				sessions.add(event.get("sessionId").asString());
			}
		});
		assertThat(sessions).containsExactly(sessionId(second), sessionId(first));
		assertThat(sessions).doesNotContain(sessionId(stranger));
		assertThat(events.get(0).get("createdAt").asString()).isEqualTo("2026-01-01T00:00:02Z");
		assertThat(events.get(events.size() - 1).get("type").asString()).isEqualTo("user.signed_up");
	}

	@Test
	void pagesFollowTheCursorWithoutGapsOrRepeats() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		List<String> created = new ArrayList<>();
		JsonNode last = null;
		for (int i = 0; i < 5; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			last = auth().signIn(email);
			created.add(0, sessionId(last));
		}

		JsonNode page1 = events(access(last), "?limit=2");
		JsonNode page2 = events(access(last), "?limit=2&before=" + page1.get("nextCursor").asString());
		JsonNode page3 = events(access(last), "?limit=2&before=" + page2.get("nextCursor").asString());

		List<String> seen = new ArrayList<>();
		for (JsonNode page : List.of(page1, page2, page3)) {
			page.get("events")
				.forEach((event) -> seen.add(event.get("type").asString().equals("session.created")
						? event.get("sessionId").asString() : event.get("type").asString()));
		}
		created.add("user.signed_up");
		assertThat(seen).containsExactlyElementsOf(created);
		assertThat(page3.has("nextCursor")).isFalse();
	}

	@Test
	void badLimitOrCursorAnswersValidationFailed() {
		JsonNode tokens = auth().newSignedInUser();
		auth().get("/v1/auth/security-events?limit=0", access(tokens))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed");
		auth().get("/v1/auth/security-events?before=garbage", access(tokens))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed");
	}

	@Test
	void withoutTokenAnswersUnauthenticated() {
		this.http.get()
			.uri("/v1/auth/security-events")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unauthenticated");
	}

	@Test
	void signInFromANewDeviceRecordsNewDeviceButTheSameDeviceAgainDoesNot() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		signIn(email, FIREFOX_LINUX, "198.51.100.7");
		signIn(email, FIREFOX_LINUX, "198.51.100.7");
		assertThat(types(signIn(email, FIREFOX_LINUX, "198.51.100.7"))).doesNotContain("session.new_device");

		JsonNode fromWindows = signIn(email, CHROME_WINDOWS, "198.51.100.7");

		JsonNode newDevice = newDeviceEvents(fromWindows);
		assertThat(newDevice).hasSize(1);
		assertThat(newDevice.get(0).get("sessionId").asString()).isEqualTo(sessionId(fromWindows));
		assertThat(newDevice.get(0).get("details").get("browser").asString()).isEqualTo("Chrome");
		assertThat(newDevice.get(0).get("details").get("type").asString()).isEqualTo("desktop");
	}

	@Test
	void sameDeviceOnAnotherNetworkIsNewButAnotherAddressOfTheSameNetworkIsNot() {
		try (SecondInstance behindProxy = SecondInstance
			.start(Map.of("portcullis.trusted-proxies", "127.0.0.0/8,::1/128"))) {
			WebTestClient proxied = behindProxy.http();
			String email = AuthClient.uniqueEmail();
			auth().signUp(email);
			signIn(proxied, email, FIREFOX_LINUX, "198.51.100.7");
			JsonNode sameNetwork = signIn(proxied, email, FIREFOX_LINUX, "198.51.100.200");
			assertThat(newDeviceEvents(sameNetwork)).isEmpty();
			assertThat(ipOfCurrentSession(sameNetwork)).isEqualTo("198.51.100.200");

			JsonNode otherNetwork = signIn(proxied, email, FIREFOX_LINUX, "203.0.113.9");
			assertThat(newDeviceEvents(otherNetwork)).hasSize(1);
			assertThat(newDeviceEvents(otherNetwork).get(0).get("details").get("network").asString())
				.isEqualTo("203.0.113.0/24");

			JsonNode ipv6 = signIn(proxied, email, FIREFOX_LINUX, "2001:db8:1:2::10");
			assertThat(newDeviceEvents(ipv6)).hasSize(2);
			JsonNode sameIpv6Network = signIn(proxied, email, FIREFOX_LINUX, "2001:db8:1:2:ffff::1");
			assertThat(newDeviceEvents(sameIpv6Network)).hasSize(2);
		}
	}

	private String ipOfCurrentSession(JsonNode tokens) {
		return auth().get("/v1/auth/session", access(tokens))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("session")
			.get("ipAddress")
			.asString();
	}

	private JsonNode signIn(String email, String userAgent, String ip) {
		return signIn(this.http, email, userAgent, ip);
	}

	/**
	 * Signs in through {@code client}; the address counts only where the peer is a
	 * trusted proxy.
	 */
	private static JsonNode signIn(WebTestClient client, String email, String userAgent, String ip) {
		return client.post()
			.uri("/v1/auth/sign-in")
			.header("User-Agent", userAgent)
			.header("X-Forwarded-For", ip)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", AuthClient.PASSWORD, "tokenDelivery", "body"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private JsonNode newDeviceEvents(JsonNode tokens) {
		List<JsonNode> found = new ArrayList<>();
		events(access(tokens), "?limit=100").get("events").forEach((event) -> {
			if (event.get("type").asString().equals("session.new_device")) {
				found.add(event);
			}
		});
		return tools.jackson.databind.json.JsonMapper.builder().build().valueToTree(found);
	}

	private List<String> types(JsonNode tokens) {
		List<String> types = new ArrayList<>();
		events(access(tokens), "?limit=100").get("events").forEach((event) -> types.add(event.get("type").asString()));
		return types;
	}

	private JsonNode events(String accessToken, String query) {
		return auth().get("/v1/auth/security-events" + query, accessToken)
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static String access(JsonNode tokens) {
		return tokens.get("accessToken").asString();
	}

	private static String sessionId(JsonNode tokens) {
		return tokens.get("session").get("id").asString();
	}

}
