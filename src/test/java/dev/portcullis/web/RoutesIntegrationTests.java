package dev.portcullis.web;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deny by default: the security chain serves only the paths {@link Routes} names, each
 * with its access rule, and refuses the rest before any handler runs.
 */
class RoutesIntegrationTests extends IntegrationTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlers;

	@Test
	void everyControllerPathIsNamedWithAnAccessRule() {
		List<PathPattern> named = Stream.of(Routes.PUBLIC, Routes.SIGNED_IN, Routes.ADMIN, Routes.EDGE)
			.flatMap(Stream::of)
			.map(PathPatternParser.defaultInstance::parse)
			.toList();
		List<String> unnamed = this.handlers.getHandlerMethods()
			.keySet()
			.stream()
			.map(RequestMappingInfo::getPatternsCondition)
			.flatMap((patterns) -> patterns.getPatterns().stream())
			.map(PathPattern::getPatternString)
			.filter((path) -> named.stream()
				.noneMatch((rule) -> rule.matches(PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x")))))
			.toList();
		assertThat(unnamed).isEmpty();
	}

	@Test
	void aPathNobodyNamedIsNotFoundEvenForASignedInUser() {
		JsonNode tokens = auth().newSignedInUser();
		auth().get("/internal/anything", tokens.get("accessToken").asString())
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_found");
	}

	@Test
	void aNamedPathWithoutCredentialsIsUnauthenticatedNotNotFound() {
		this.http.get()
			.uri("/v1/auth/sessions")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unauthenticated");
	}

	@Test
	void anAdminPathForAPlainUserIsForbidden() {
		JsonNode tokens = auth().newSignedInUser();
		auth().get("/v1/admin/users", tokens.get("accessToken").asString())
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("forbidden");
	}

}
