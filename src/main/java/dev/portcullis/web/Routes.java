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
	 * No credentials, or credentials the handler checks itself (refresh cookie, Basic,
	 * the token endpoint's client credentials).
	 */
	static final String[] PUBLIC = { "/v1/auth/sign-up", "/v1/auth/sign-in", "/v1/auth/sign-in/two-factor",
			"/v1/auth/refresh", "/v1/auth/sign-out", "/v1/auth/csrf", "/v1/auth/send-verification-email",
			"/v1/auth/verify-email", "/v1/auth/password/forgot", "/v1/auth/password/reset", "/v1/tokens/introspect",
			"/oauth2/token", "/.well-known/jwks.json", "/.well-known/openid-configuration", "/actuator/health",
			"/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs.yaml",
			"/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
			// The browser client and the account pages (dev.portcullis.browser)
			"/portcullis.js", "/account", "/account/reset-password", "/account/assets/*" };

	/** A valid access token of a live session. */
	static final String[] SIGNED_IN = { "/v1/auth/session", "/v1/auth/sessions", "/v1/auth/sessions/**",
			"/v1/auth/security-events", "/v1/auth/step-up", "/v1/auth/two-factor/**", "/v1/auth/password/change" };

	/** The {@code admin} role. */
	static final String[] ADMIN = { "/v1/admin/**" };

	/**
	 * Paths that authenticate by the refresh token (cookie or body): a bad or expired
	 * {@code Authorization} header there is ignored instead of refused.
	 */
	static final String[] REFRESH_TOKEN = { "/v1/auth/refresh", "/v1/auth/sign-out" };

	/**
	 * Forward auth: the edge checks the bearer token itself, so that every 401 carries
	 * {@code WWW-Authenticate} and a proxy gets the same answer for every method. (Edge
	 * routes, {@code portcullis.edge.routes.*}, have a security chain of their own.)
	 */
	static final String[] EDGE = { "/v1/edge/verify", "/v1/edge/verify/**" };

	/** Paths whose callers are not authenticated here with a bearer token. */
	static final String[] NOT_BEARER = { "/v1/tokens/**", "/oauth2/token", "/v1/edge/verify", "/v1/edge/verify/**" };

	private Routes() {
	}

	/** Matches every named path. */
	static ServerWebExchangeMatcher named() {
		return ServerWebExchangeMatchers
			.pathMatchers(Stream.of(PUBLIC, SIGNED_IN, ADMIN, EDGE).flatMap(Stream::of).toArray(String[]::new));
	}

}
