package dev.portcullis.web;

import org.junit.jupiter.api.Test;

import dev.portcullis.support.IntegrationTest;

/**
 * The OpenAPI description carries the responses the composed annotations
 * ({@code @RateLimitedErrors}, {@code @BearerErrors}) declare.
 */
class OpenApiIntegrationTests extends IntegrationTest {

	@Test
	void composedErrorAnnotationsReachTheDescription() {
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/v1/auth/sign-up'].post.responses['503'].description")
			.isEqualTo("rate_limiter_unavailable (Redis unreachable, fail-open off)")
			.jsonPath("$.paths['/v1/auth/sessions'].get.responses['401'].description")
			.isEqualTo("unauthenticated, invalid_token, session_revoked or session_expired")
			.jsonPath("$.paths['/v1/admin/users'].get.responses['401'].description")
			.isEqualTo("unauthenticated, invalid_token, session_revoked or session_expired");
	}

}
