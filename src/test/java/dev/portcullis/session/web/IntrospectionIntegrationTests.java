package dev.portcullis.session.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

class IntrospectionIntegrationTests extends IntegrationTest {

	private static final String SERVICE = basic(TestInfrastructure.INTROSPECTION_CLIENT,
			TestInfrastructure.INTROSPECTION_SECRET);

	@Test
	void activeTokenAnswersItsClaimsByForm() {
		JsonNode tokens = auth().newSignedInUser();

		JsonNode body = introspectForm(SERVICE, access(tokens)).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(body.get("sub").asString()).isEqualTo(tokens.get("user").get("id").asString());
		assertThat(body.get("sid").asString()).isEqualTo(tokens.get("session").get("id").asString());
		assertThat(body.get("exp").asLong() - body.get("iat").asLong()).isEqualTo(900);
		assertThat(body.get("amr").get(0).asString()).isEqualTo("pwd");
		assertThat(body.get("roles").get(0).asString()).isEqualTo("user");
	}

	@Test
	void activeTokenAnswersByJsonToo() {
		JsonNode tokens = auth().newSignedInUser();
		introspect(SERVICE).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", access(tokens)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.active")
			.isEqualTo(true);
	}

	@Test
	void tokenOfARevokedSessionIsInactiveAtOnce() {
		JsonNode tokens = auth().newSignedInUser();
		introspectForm(SERVICE, access(tokens)).expectBody().jsonPath("$.active").isEqualTo(true);
		auth().post("/v1/auth/sign-out", access(tokens), Map.of()).expectStatus().isNoContent();
		expectInactive(introspectForm(SERVICE, access(tokens)));
	}

	@Test
	void expiredTokenIsInactive() {
		JsonNode tokens = auth().newSignedInUser();
		this.clock.advance(Duration.ofMinutes(16));
		expectInactive(introspectForm(SERVICE, access(tokens)));
	}

	@Test
	void garbageAndRefreshTokensAreInactive() {
		JsonNode tokens = auth().newSignedInUser();
		expectInactive(introspectForm(SERVICE, "not-a-token"));
		expectInactive(introspectForm(SERVICE, tokens.get("refreshToken").asString()));
	}

	@Test
	void missingWrongOrUnknownCredentialsAnswerUnauthorizedWithABasicChallenge() {
		JsonNode tokens = auth().newSignedInUser();
		for (String credentials : new String[] { null, basic(TestInfrastructure.INTROSPECTION_CLIENT, "wrong-secret"),
				basic("unknown-service", TestInfrastructure.INTROSPECTION_SECRET), "Bearer " + access(tokens),
				"Basic !!!" }) {
			introspectForm(credentials, access(tokens)).expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=.*")
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_client")
				.jsonPath("$.active")
				.doesNotExist();
		}
	}

	@Test
	void credentialsAreCheckedBeforeTheBodyIsRead() {
		introspect(null).contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{not json")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_client");
	}

	private WebTestClient.ResponseSpec introspectForm(String authorization, String token) {
		return introspect(authorization).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("token", token))
			.exchange();
	}

	private WebTestClient.RequestBodySpec introspect(String authorization) {
		return this.http.post().uri("/v1/tokens/introspect").headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		});
	}

	private static void expectInactive(WebTestClient.ResponseSpec response) {
		JsonNode body = response.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(body.propertyNames()).containsExactly("active");
		assertThat(body.get("active").asBoolean()).isFalse();
	}

	private static String access(JsonNode tokens) {
		return tokens.get("accessToken").asString();
	}

	private static String basic(String id, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

}
