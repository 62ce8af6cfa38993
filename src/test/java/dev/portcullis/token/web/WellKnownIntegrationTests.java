package dev.portcullis.token.web;

import org.junit.jupiter.api.Test;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;

class WellKnownIntegrationTests extends IntegrationTest {

	@Test
	void jwksPublishesPublicKeysOnlyAndIsCacheable() {
		this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofMinutes(10)).cachePublic())
			.expectBody()
			.jsonPath("$.keys[0].kid")
			.exists()
			.jsonPath("$.keys[0].alg")
			.isEqualTo("ES256")
			.jsonPath("$.keys[0].d")
			.doesNotExist();
	}

	@Test
	void discoveryNamesTheIssuerAndTheJwksUri() {
		String issuer = TestInfrastructure.get().issuer();
		this.http.get()
			.uri("/.well-known/openid-configuration")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.issuer")
			.isEqualTo(issuer)
			.jsonPath("$.jwks_uri")
			.isEqualTo(issuer + "/.well-known/jwks.json");
	}

	@Test
	void openApiDescriptionIsServed() {
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/v1/auth/sign-in'].post")
			.exists()
			.jsonPath("$.paths['/v1/auth/refresh'].post.responses['401']")
			.exists()
			.jsonPath("$.paths['/v1/auth/sign-up'].post.responses['201']")
			.exists()
			.jsonPath("$.paths['/v1/auth/sign-out'].post.responses['204']")
			.exists()
			.jsonPath("$.components.securitySchemes.bearer.scheme")
			.isEqualTo("bearer");
	}

}
