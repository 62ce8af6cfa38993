package dev.portcullis.token.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.support.GatewayProperties;
import dev.portcullis.token.PublishedKeys;

/**
 * Lets resource servers validate tokens on their own: the JWK set (RFC 7517) and an
 * OpenID-style discovery document, enough for Spring Security's {@code issuer-uri}.
 */
@RestController
class WellKnownController {

	private final PublishedKeys keys;

	private final GatewayProperties gateway;

	WellKnownController(PublishedKeys keys, GatewayProperties gateway) {
		this.keys = keys;
		this.gateway = gateway;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = { "application/jwk-set+json", "application/json" })
	Mono<ResponseEntity<Map<String, Object>>> jwks() {
		return this.keys.jwkSet()
			.map((set) -> ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(this.keys.maxAge()).cachePublic())
				.body(set));
	}

	@GetMapping(path = "/.well-known/openid-configuration", produces = "application/json")
	Mono<ResponseEntity<Map<String, Object>>> discovery() {
		String issuer = this.gateway.issuerId();
		return this.keys.algorithms()
			.map((algorithms) -> ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(this.keys.maxAge()).cachePublic())
				.body(discovery(issuer, algorithms)));
	}

	private static Map<String, Object> discovery(String issuer, List<String> algorithms) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		document.put("jwks_uri", issuer + "/.well-known/jwks.json");
		document.put("token_endpoint", issuer + "/oauth2/token");
		document.put("grant_types_supported", List.of("client_credentials"));
		document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		document.put("introspection_endpoint", issuer + "/v1/tokens/introspect");
		document.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic"));
		document.put("response_types_supported", List.of("token"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", algorithms);
		document.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "jti", "sid", "auth_time", "amr",
				"roles", "client_id", "scope"));
		return document;
	}

}
