package dev.portcullis.session.web;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.portcullis.support.Problems;
import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser clients: the refresh token lives in an HttpOnly cookie, guarded by
 * double-submit CSRF.
 */
class CookieDeliveryIntegrationTests extends IntegrationTest {

	String refreshCookie;

	String xsrfCookie;

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
			.expectBody(JsonNode.class)
			.returnResult();
		assertThat(result.getResponseBody().has("refreshToken")).isFalse();
		ResponseCookie refresh = result.getResponseCookies().getFirst("portcullis_refresh");
		assertThat(refresh.isHttpOnly()).isTrue();
		assertThat(refresh.isSecure()).isTrue();
		assertThat(refresh.getSameSite()).isEqualTo("Strict");
		assertThat(refresh.getPath()).isEqualTo("/v1/auth");
		assertThat(refresh.getMaxAge().toSeconds()).isEqualTo(86_400L);
		ResponseCookie xsrf = result.getResponseCookies().getFirst("XSRF-TOKEN");
		assertThat(xsrf.isHttpOnly()).isFalse();
		this.refreshCookie = refresh.getValue();
		this.xsrfCookie = xsrf.getValue();
	}

	@Test
	void cookieRefreshWithoutTheCsrfHeaderIsRefused() {
		Problems.expectProblem(this.http.post()
			.uri("/v1/auth/refresh")
			.cookie("portcullis_refresh", this.refreshCookie)
			.cookie("XSRF-TOKEN", this.xsrfCookie)
			.exchange(), 403, "csrf_invalid");
	}

	@Test
	void cookieRefreshWithAMismatchedCsrfHeaderIsRefused() {
		this.http.post()
			.uri("/v1/auth/refresh")
			.cookie("portcullis_refresh", this.refreshCookie)
			.cookie("XSRF-TOKEN", this.xsrfCookie)
			.header("X-XSRF-TOKEN", "something-else")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void cookieRefreshWithTheCsrfHeaderRotatesTheCookie() {
		EntityExchangeResult<JsonNode> result = this.http.post()
			.uri("/v1/auth/refresh")
			.cookie("portcullis_refresh", this.refreshCookie)
			.cookie("XSRF-TOKEN", this.xsrfCookie)
			.header("X-XSRF-TOKEN", this.xsrfCookie)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult();
		String rotated = result.getResponseCookies().getFirst("portcullis_refresh").getValue();
		assertThat(rotated).isNotEqualTo(this.refreshCookie).hasSize(43);
		assertThat(result.getResponseBody().has("refreshToken")).isFalse();
	}

	@Test
	void cookieSignOutClearsTheCookieAndRevokesTheSession() {
		ResponseCookie cleared = this.http.post()
			.uri("/v1/auth/sign-out")
			.cookie("portcullis_refresh", this.refreshCookie)
			.cookie("XSRF-TOKEN", this.xsrfCookie)
			.header("X-XSRF-TOKEN", this.xsrfCookie)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.returnResult()
			.getResponseCookies()
			.getFirst("portcullis_refresh");
		assertThat(cleared.getMaxAge().isZero()).isTrue();
		Problems.expectProblem(auth().refresh(this.refreshCookie), 401, "session_revoked");
	}

	@Test
	void signOutWithoutAnyCredentialIsUnauthenticated() {
		Problems.expectProblem(this.http.post().uri("/v1/auth/sign-out").exchange(), 401, "unauthenticated");
	}

	@Test
	void csrfEndpointIssuesAReadableToken() {
		EntityExchangeResult<JsonNode> result = this.http.get()
			.uri("/v1/auth/csrf")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult();
		assertThat(result.getResponseCookies().getFirst("XSRF-TOKEN").getValue())
			.isEqualTo(result.getResponseBody().get("token").asString());
	}

}
