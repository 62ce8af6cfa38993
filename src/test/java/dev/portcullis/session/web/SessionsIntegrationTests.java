package dev.portcullis.session.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsIntegrationTests extends IntegrationTest {

	static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

	@Test
	void listShowsActiveSessionsNewestActivityFirstWithDeviceAndCurrentFlag() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode phone = signIn(email, SAFARI_IPHONE);
		JsonNode laptop = signIn(email, CHROME_WINDOWS);
		JsonNode ended = signIn(email, CHROME_WINDOWS);
		auth().post("/v1/auth/sign-out", access(ended), Map.of()).expectStatus().isNoContent();
		this.clock.advance(Duration.ofMinutes(1));
		JsonNode phoneRefreshed = auth().refreshed(phone.get("refreshToken").asString());

		JsonNode sessions = list(access(laptop)).get("sessions");

		assertThat(ids(sessions)).containsExactly(sessionId(phone), sessionId(laptop));
		JsonNode first = sessions.get(0);
		assertThat(first.get("current").asBoolean()).isFalse();
		assertThat(first.get("device").get("browser").asString()).isEqualTo("Mobile Safari");
		assertThat(first.get("device").get("os").asString()).isEqualTo("iOS");
		assertThat(first.get("device").get("type").asString()).isEqualTo("mobile");
		assertThat(first.get("userAgent").asString()).isEqualTo(SAFARI_IPHONE);
		assertThat(first.get("ipAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(first.get("rememberMe").asBoolean()).isFalse();
		assertThat(first.get("twoFactor").asBoolean()).isFalse();
		assertThat(first.get("createdAt").asString()).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(first.get("lastActiveAt").asString()).isEqualTo("2026-01-01T00:01:00Z");
		// a refresh within the update age (1h) keeps the expiry
		assertThat(first.get("expiresAt").asString()).isEqualTo("2026-01-02T00:00:00Z");
		assertThat(sessionId(phoneRefreshed)).isEqualTo(sessionId(phone));
		assertThat(sessions.get(1).get("current").asBoolean()).isTrue();
		assertThat(sessions.get(1).get("device").get("type").asString()).isEqualTo("desktop");
		assertThat(sessions.get(1).get("lastActiveAt").asString()).isEqualTo("2026-01-01T00:00:00Z");
	}

	@Test
	void listWithoutTokenAnswersUnauthenticated() {
		expectUnauthenticated(this.http.get().uri("/v1/auth/sessions").exchange());
	}

	@Test
	void deleteRevokesOneSessionAndItsTokensStopAtOnce() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode caller = auth().signIn(email);
		JsonNode other = auth().signIn(email);

		auth().delete("/v1/auth/sessions/" + sessionId(other), access(caller))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.revoked")
			.isEqualTo(1);

		expectCode(auth().get("/v1/auth/session", access(other)), 401, "session_revoked");
		expectCode(auth().refresh(other.get("refreshToken").asString()), 401, "session_revoked");
		auth().get("/v1/auth/session", access(caller)).expectStatus().isOk();
	}

	@Test
	void deleteOfAnAlreadyRevokedUnknownOrForeignSessionAnswersNotFoundAndAMalformedIdIsABadRequest() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode caller = auth().signIn(email);
		JsonNode other = auth().signIn(email);
		JsonNode stranger = auth().newSignedInUser();
		auth().delete("/v1/auth/sessions/" + sessionId(other), access(caller)).expectStatus().isOk();

		expectCode(auth().delete("/v1/auth/sessions/" + sessionId(other), access(caller)), 404, "session_not_found");
		expectCode(auth().delete("/v1/auth/sessions/" + UUID.randomUUID(), access(caller)), 404, "session_not_found");
		expectCode(auth().delete("/v1/auth/sessions/not-a-session-id", access(caller)), 400, "malformed_request");
		expectCode(auth().delete("/v1/auth/sessions/" + sessionId(stranger), access(caller)), 404, "session_not_found");
		auth().get("/v1/auth/session", access(stranger)).expectStatus().isOk();
	}

	@Test
	void deleteWithoutTokenAnswersUnauthenticated() {
		expectUnauthenticated(this.http.delete().uri("/v1/auth/sessions/" + UUID.randomUUID()).exchange());
	}

	@Test
	void revokeOthersKeepsTheCallerAndEndsEveryOtherSessionOnEveryInstance() {
		SecondInstance second = SecondInstance.shared();
		AuthClient there = new AuthClient(second.http());
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode caller = auth().signIn(email);
		JsonNode a = auth().signIn(email);
		JsonNode b = auth().signIn(email);
		// The other instance caches both sessions as active.
		there.get("/v1/auth/session", access(a)).expectStatus().isOk();
		there.get("/v1/auth/session", access(b)).expectStatus().isOk();

		auth().post("/v1/auth/sessions/revoke-others", access(caller), Map.of())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.revoked")
			.isEqualTo(2);

		expectCode(there.get("/v1/auth/session", access(a)), 401, "session_revoked");
		expectCode(there.get("/v1/auth/session", access(b)), 401, "session_revoked");
		there.get("/v1/auth/session", access(caller)).expectStatus().isOk();
		assertThat(ids(list(access(caller)).get("sessions"))).containsExactly(sessionId(caller));
	}

	@Test
	void revokeAllEndsTheCallerTooOnEveryInstance() {
		SecondInstance second = SecondInstance.shared();
		AuthClient there = new AuthClient(second.http());
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode caller = auth().signIn(email);
		JsonNode other = auth().signIn(email);
		there.get("/v1/auth/session", access(caller)).expectStatus().isOk();

		auth().post("/v1/auth/sessions/revoke-all", access(caller), Map.of())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.revoked")
			.isEqualTo(2);

		expectCode(there.get("/v1/auth/session", access(caller)), 401, "session_revoked");
		expectCode(there.get("/v1/auth/session", access(other)), 401, "session_revoked");
		expectCode(auth().refresh(caller.get("refreshToken").asString()), 401, "session_revoked");
	}

	@Test
	void deleteOnOneInstanceIsEnforcedByTheOther() {
		SecondInstance second = SecondInstance.shared();
		AuthClient there = new AuthClient(second.http());
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode caller = auth().signIn(email);
		JsonNode other = auth().signIn(email);
		there.get("/v1/auth/session", access(other)).expectStatus().isOk();

		auth().delete("/v1/auth/sessions/" + sessionId(other), access(caller)).expectStatus().isOk();

		expectCode(there.get("/v1/auth/session", access(other)), 401, "session_revoked");
	}

	@Test
	void revokeOthersAndAllWithoutTokenAnswerUnauthenticated() {
		expectUnauthenticated(this.http.post().uri("/v1/auth/sessions/revoke-others").exchange());
		expectUnauthenticated(this.http.post().uri("/v1/auth/sessions/revoke-all").exchange());
	}

	private JsonNode signIn(String email, String userAgent) {
		return auth().signInFrom(email, userAgent);
	}

	private JsonNode list(String accessToken) {
		return auth().get("/v1/auth/sessions", accessToken)
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	static String access(JsonNode tokens) {
		return tokens.get("accessToken").asString();
	}

	static String sessionId(JsonNode tokens) {
		return tokens.get("session").get("id").asString();
	}

	private static List<String> ids(JsonNode sessions) {
		List<String> ids = new ArrayList<>();
		sessions.forEach((session) -> ids.add(session.get("id").asString()));
		return ids;
	}

	static void expectCode(WebTestClient.ResponseSpec response, int status, String code) {
		response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
	}

	static void expectUnauthenticated(WebTestClient.ResponseSpec response) {
		expectCode(response, 401, "unauthenticated");
	}

}
