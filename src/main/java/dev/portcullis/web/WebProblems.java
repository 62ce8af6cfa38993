package dev.portcullis.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import dev.portcullis.support.ProblemException;

/**
 * The problems the web layer answers itself: from the security chain, its filters and the
 * framework's own exceptions. Each is built here and only here.
 */
final class WebProblems {

	private WebProblems() {
	}

	/** {@code 401 unauthenticated} with a bare Bearer challenge (RFC 6750 §3). */
	static ProblemException unauthenticated() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication is required.", Map.of(),
				headers);
	}

	/**
	 * {@code 401 invalid_token} with
	 * {@code WWW-Authenticate: Bearer error="invalid_token"}.
	 */
	static ProblemException invalidToken(String detail) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid_token", detail, Map.of(), headers);
	}

	static ProblemException forbidden() {
		return ProblemException.forbidden("forbidden", "You are not allowed to do this.");
	}

	static ProblemException originNotAllowed() {
		return ProblemException.forbidden("origin_not_allowed", "Requests from this origin are not allowed.");
	}

	static ProblemException payloadTooLarge() {
		return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
				"The request body is larger than 64 KiB.");
	}

	static ProblemException unsupportedMediaType() {
		return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
				"Send the request body as application/json.");
	}

	static ProblemException malformed(String detail) {
		return ProblemException.badRequest("malformed_request", detail);
	}

	static ProblemException methodNotAllowed(Set<HttpMethod> allowed) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAllow(allowed);
		return new ProblemException(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
				"This method is not allowed here.", Map.of(), headers);
	}

	/** {@code 503 overloaded}: the bounded offload queue is full; shed load. */
	static ProblemException overloaded() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
				"The service is overloaded; retry shortly.", Map.of(), headers);
	}

	static ProblemException internal() {
		return new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
				"Something went wrong on our side.");
	}

	static ProblemException notFound() {
		return ProblemException.notFound("not_found", "No such resource.");
	}

	/**
	 * A framework status without a problem of its own: the code is its snake_case name.
	 */
	static ProblemException fromStatus(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> notFound();
			case NOT_ACCEPTABLE -> new ProblemException(status, "not_acceptable", "This resource is served as JSON.");
			default ->
				new ProblemException(status, status.name().toLowerCase(Locale.ROOT), status.getReasonPhrase() + ".");
		};
	}

}
