package dev.portcullis.edge;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.IntegrationTest;

import static dev.portcullis.support.Problems.expectProblem;

class ForwardAuthIntegrationTests extends IntegrationTest {

	@Test
	void verifyWhenTokenValidThenAnswersIdentityHeaders() {
		JsonNode signedIn = auth().newSignedInUser();
		auth().get("/v1/edge/verify", signedIn.get("accessToken").asString())
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(IdentityHeaders.USER, signedIn.at("/user/id").asString())
			.expectHeader()
			.valueEquals(IdentityHeaders.SESSION, signedIn.at("/session/id").asString())
			.expectHeader()
			.valueEquals(IdentityHeaders.ROLES, "user")
			.expectHeader()
			.valueEquals(IdentityHeaders.AMR, "pwd")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	@Test
	void verifyWhenAnyMethodOrSubPathThenAnswersTheSame() {
		String token = auth().newSignedInUser().get("accessToken").asString();
		for (HttpMethod method : new HttpMethod[] { HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
				HttpMethod.PATCH, HttpMethod.HEAD }) {
			// a body the proxy forwards is never read, however large (the 64 KiB limit is
			// for Portcullis' own endpoints); HEAD carries none
			WebTestClient.RequestBodySpec request = this.http.method(method)
				.uri("/v1/edge/verify/api/orders/42")
				.headers((headers) -> headers.setBearerAuth(token));
			(method.equals(HttpMethod.HEAD) ? request : request.bodyValue(new byte[1_000_000])).exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(IdentityHeaders.ROLES, "user");
		}
	}

	@Test
	void verifyWhenOneOfTheRolesHeldThenAllowed() {
		String token = auth().newSignedInUser().get("accessToken").asString();
		auth().get("/v1/edge/verify?role=admin&role=user", token).expectStatus().isOk();
		auth().get("/v1/edge/verify?role=admin,user", token).expectStatus().isOk();
	}

	@Test
	void verifyWhenRoleMissingThenForbidden() {
		String token = auth().newSignedInUser().get("accessToken").asString();
		expectProblem(auth().get("/v1/edge/verify?role=admin", token), 403, "forbidden");
	}

	@Test
	void verifyWithoutTokenThenUnauthenticatedWithChallenge() {
		expectProblem(this.http.get()
			.uri("/v1/edge/verify")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"), 401, "unauthenticated");
	}

	@Test
	void verifyWhenTokenInvalidThenInvalidTokenWithChallenge() {
		expectProblem(auth().get("/v1/edge/verify", "not-a-jwt")
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""), 401, "invalid_token");
		expectProblem(this.http.get()
			.uri("/v1/edge/verify")
			.header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""), 401, "invalid_token");
	}

	@Test
	void verifyWhenSessionRevokedThenRefusedAtOnce() {
		JsonNode signedIn = auth().newSignedInUser();
		String token = signedIn.get("accessToken").asString();
		auth().get("/v1/edge/verify", token).expectStatus().isOk();
		auth().delete("/v1/auth/sessions/" + signedIn.at("/session/id").asString(), token).expectStatus().isOk();
		expectProblem(
				auth().get("/v1/edge/verify", token)
					.expectHeader()
					.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""),
				401, "session_revoked");
	}

	@Test
	void verifyWhenTokenExpiredThenInvalidToken() {
		String token = auth().newSignedInUser().get("accessToken").asString();
		this.clock.advance(Duration.ofMinutes(16));
		expectProblem(auth().get("/v1/edge/verify", token), 401, "invalid_token");
	}

	@Test
	void verifyWhenCrossSiteOriginThenStillAnswered() {
		String token = auth().newSignedInUser().get("accessToken").asString();
		this.http.post()
			.uri("/v1/edge/verify")
			.headers((headers) -> headers.setBearerAuth(token))
			.header(HttpHeaders.ORIGIN, "https://shop.example")
			.header("Sec-Fetch-Site", "cross-site")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void withoutRoutesUnknownPathsStayNotFound() {
		expectProblem(this.http.get().uri("/api/orders/1").exchange(), 404, "not_found");
	}

}
