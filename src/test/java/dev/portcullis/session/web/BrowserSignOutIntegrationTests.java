package dev.portcullis.session.web;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.Problems;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a single-page app meets when it signs out or refreshes: a stale access token it
 * still attaches never blocks the refresh-cookie path, and every way of ending the
 * calling session clears its refresh cookie.
 */
class BrowserSignOutIntegrationTests extends IntegrationTest {

	String refreshCookie;

	String xsrfCookie;

	String accessToken;

	@BeforeEach
	void signInWithCookieDelivery() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		EntityExchangeResult<JsonNode> result = this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", AuthClient.PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL, (value) -> assertThat(value).contains("no-store"))
			.expectBody(JsonNode.class)
			.returnResult();
		this.refreshCookie = result.getResponseCookies().getFirst("portcullis_refresh").getValue();
		this.xsrfCookie = result.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
		this.accessToken = result.getResponseBody().get("accessToken").asString();
	}

	@Test
	void signOutWithAnExpiredAccessTokenStillEndsTheSessionByItsCookie() {
		this.clock.advance(Duration.ofMinutes(16));
		ResponseCookie cleared = withCookie(this.http.post().uri("/v1/auth/sign-out"))
			.headers((headers) -> headers.setBearerAuth(this.accessToken))
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.returnResult()
			.getResponseCookies()
			.getFirst("portcullis_refresh");
		assertThat(cleared.getMaxAge()).isZero();
		Problems.expectProblem(auth().refresh(this.refreshCookie), 401, "session_revoked");
	}

	@Test
	void signOutWithAMalformedAccessTokenStillEndsTheSessionByTheBodyToken() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String refreshToken = auth().signIn(email).get("refreshToken").asString();
		this.http.post()
			.uri("/v1/auth/sign-out")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", refreshToken))
			.exchange()
			.expectStatus()
			.isNoContent();
		Problems.expectProblem(auth().refresh(refreshToken), 401, "session_revoked");
	}

	@Test
	void signOutWithABadAccessTokenAndNoRefreshTokenIsUnauthenticated() {
		Problems.expectProblem(this.http.post()
			.uri("/v1/auth/sign-out")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
			.exchange(), 401, "unauthenticated");
	}

	@Test
	void refreshWithAnExpiredAccessTokenAttachedStillRotatesTheCookie() {
		this.clock.advance(Duration.ofMinutes(16));
		EntityExchangeResult<JsonNode> result = withCookie(this.http.post().uri("/v1/auth/refresh"))
			.headers((headers) -> headers.setBearerAuth(this.accessToken))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL, (value) -> assertThat(value).contains("no-store"))
			.expectBody(JsonNode.class)
			.returnResult();
		assertThat(result.getResponseCookies().getFirst("portcullis_refresh").getValue())
			.isNotEqualTo(this.refreshCookie);
	}

	@Test
	void bearerEndpointsStillRefuseAnExpiredAccessToken() {
		this.clock.advance(Duration.ofMinutes(16));
		Problems.expectProblem(auth().get("/v1/auth/sessions", this.accessToken), 401, "invalid_token");
	}

	@Test
	void revokeAllClearsTheCallersRefreshCookie() {
		ResponseCookie cleared = withCookie(this.http.post().uri("/v1/auth/sessions/revoke-all"))
			.headers((headers) -> headers.setBearerAuth(this.accessToken))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.revoked")
			.isEqualTo(1)
			.returnResult()
			.getResponseCookies()
			.getFirst("portcullis_refresh");
		assertThat(cleared.getMaxAge()).isZero();
		assertThat(cleared.getPath()).isEqualTo("/v1/auth");
	}

	@Test
	void signOutWithAValidAccessTokenClearsTheCookie() {
		ResponseCookie cleared = withCookie(this.http.post().uri("/v1/auth/sign-out"))
			.headers((headers) -> headers.setBearerAuth(this.accessToken))
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.returnResult()
			.getResponseCookies()
			.getFirst("portcullis_refresh");
		assertThat(cleared.getMaxAge()).isZero();
		Problems.expectProblem(auth().refresh(this.refreshCookie), 401, "session_revoked");
	}

	private WebTestClient.RequestBodySpec withCookie(WebTestClient.RequestBodySpec request) {
		return request.cookie("portcullis_refresh", this.refreshCookie)
			.cookie("XSRF-TOKEN", this.xsrfCookie)
			.header("X-XSRF-TOKEN", this.xsrfCookie);
	}

}
