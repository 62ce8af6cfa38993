package dev.portcullis.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import dev.portcullis.support.Problems;
import dev.portcullis.support.IntegrationTest;

/**
 * Every kind of bad request gets a problem document with a stable code and nothing
 * internal.
 */
class ProblemResponsesIntegrationTests extends IntegrationTest {

	@org.springframework.beans.factory.annotation.Value("${local.server.port}")
	int port;

	@Test
	void unknownRouteIsNotFound() {
		this.http.get()
			.uri("/v1/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_found")
			.jsonPath("$.status")
			.isEqualTo(404);
	}

	@Test
	void aPathTheFirewallRefusesIsAMalformedRequestProblem() {
		for (String path : new String[] { "/v1/auth/./session", "/v1/admin/users/%2e%2e/two-factor/reset",
				"/v1/auth//session" }) {
			Problems.expectProblem(
					this.http.get().uri(java.net.URI.create("http://localhost:" + this.port + path)).exchange(), 400,
					"malformed_request");
		}
	}

	@Test
	void wrongMethodIsMethodNotAllowed() {
		this.http.get()
			.uri("/v1/auth/sign-in")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("method_not_allowed");
	}

	@Test
	void malformedJsonIsABadRequestWithoutInternals() {
		this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": \"a@b.c\", ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_request")
			.jsonPath("$.detail")
			.value((String detail) -> org.assertj.core.api.Assertions.assertThat(detail)
				.doesNotContain("jackson", "Exception", "at ["));
	}

	@Test
	void bodyOverSixtyFourKibIsRefused() {
		String huge = "x".repeat(70 * 1024);
		Problems.expectProblem(this.http.post()
			.uri("/v1/auth/sign-up")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "a@example.com", "password", huge))
			.exchange(), 413, "payload_too_large");
	}

	@Test
	void invalidFieldsAreReportedPerField() {
		this.http.post()
			.uri("/v1/auth/sign-up")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "not-an-email", "password", "whatever it is"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("email")
			.jsonPath("$.errors[0].code")
			.isEqualTo("email");
	}

	@Test
	void crossSiteOriginIsRefusedWithoutCorsHeaders() {
		this.http.post()
			.uri("/v1/auth/sign-in")
			.header("Origin", "https://evil.example")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "a@example.com", "password", "x"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("origin_not_allowed");
	}

	@Test
	void crossSiteFetchWithoutOriginIsRefusedForStateChanges() {
		Problems.expectProblem(this.http.post()
			.uri("/v1/auth/sign-up")
			.header("Sec-Fetch-Site", "cross-site")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "a@example.com", "password", "x"))
			.exchange(), 403, "origin_not_allowed");
	}

}
