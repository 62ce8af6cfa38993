package dev.portcullis.edge;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.portcullis.support.ProblemException;

/**
 * Every error the edge raises itself (forward auth and routes). A 401 always carries
 * {@code WWW-Authenticate: Bearer} (RFC 6750 §3), with {@code error="invalid_token"} when
 * a token was sent. Nothing here names the route, the backend or why a token failed
 * beyond the contract's codes.
 */
final class EdgeProblems {

	private EdgeProblems() {
	}

	static ProblemException unauthenticated() {
		return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication is required.", Map.of(),
				challenge("Bearer"));
	}

	static ProblemException invalidToken() {
		return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid_token", "The access token is not valid.",
				Map.of(), challenge("Bearer error=\"invalid_token\""));
	}

	static ProblemException notBearer() {
		return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid_token",
				"Send the access token as a Bearer token.", Map.of(), challenge("Bearer error=\"invalid_token\""));
	}

	/** {@code session_revoked} or {@code session_expired}, with the challenge added. */
	static ProblemException session(ProblemException problem) {
		return new ProblemException(problem.status(), problem.code(), problem.detail(), problem.properties(),
				challenge("Bearer error=\"invalid_token\""));
	}

	static ProblemException forbidden() {
		return ProblemException.forbidden("forbidden", "You are not allowed to do this.");
	}

	static ProblemException upstreamUnavailable() {
		return new ProblemException(HttpStatus.BAD_GATEWAY, "upstream_unavailable",
				"The service behind this path could not be reached.");
	}

	static ProblemException upstreamTimeout() {
		return new ProblemException(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout",
				"The service behind this path did not answer in time.");
	}

	private static HttpHeaders challenge(String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, value);
		return headers;
	}

}
