package dev.portcullis.web;

import java.util.stream.Stream;

import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Every path the gateway serves, with who may call it. The security chain admits these
 * and refuses anything else before it reaches a handler: a path nobody named answers
 * {@code 404 not_found} (and a named one called without the right credentials
 * {@code 401}/{@code 403}), so a new endpoint is unreachable until it is added here with
 * its rule. Paths name every method: a wrong method reaches the handler and answers
 * {@code 405}.
 */
final class Routes {

	/**
	 * No credentials, or credentials the handler checks itself (refresh cookie, Basic).
	 */
	static final String[] PUBLIC = { "/v1/auth/sign-up", "/v1/auth/sign-in", "/v1/auth/sign-in/two-factor",
			"/v1/auth/refresh", "/v1/auth/sign-out", "/v1/auth/csrf", "/v1/auth/send-verification-email",
			"/v1/auth/verify-email", "/v1/auth/password/forgot", "/v1/auth/password/reset", "/v1/tokens/introspect",
			"/.well-known/jwks.json", "/.well-known/openid-configuration", "/actuator/health", "/actuator/health/**",
			"/actuator/info", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
			"/swagger-ui.html", "/swagger-ui/**" };

	/** A valid access token of a live session. */
	static final String[] SIGNED_IN = { "/v1/auth/session", "/v1/auth/sessions", "/v1/auth/sessions/**",
			"/v1/auth/security-events", "/v1/auth/step-up", "/v1/auth/two-factor/**", "/v1/auth/password/change" };

	/** The {@code admin} role. */
	static final String[] ADMIN = { "/v1/admin/**" };

	/** Paths whose callers authenticate in the handler, never with a bearer token. */
	static final String[] NOT_BEARER = { "/v1/tokens/**" };

	private Routes() {
	}

	/** Matches every named path. */
	static ServerWebExchangeMatcher named() {
		return ServerWebExchangeMatchers
			.pathMatchers(Stream.of(PUBLIC, SIGNED_IN, ADMIN).flatMap(Stream::of).toArray(String[]::new));
	}

}
