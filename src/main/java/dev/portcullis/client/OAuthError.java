package dev.portcullis.client;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.portcullis.support.ProblemException;

/**
 * An error of the token endpoint, answered as RFC 6749 section 5.2 prescribes:
 * {@code application/json} {@code {error, error_description}}, not problem+json, because
 * OAuth client libraries read these two members. Every error of the endpoint is built
 * here. The description is shown to clients: it never carries a secret or says whether a
 * client id exists.
 */
public final class OAuthError extends RuntimeException {

	private final HttpStatus status;

	private final String error;

	private final HttpHeaders headers;

	private OAuthError(HttpStatus status, String error, String description, HttpHeaders headers) {
		super(description, null, false, false);
		this.status = status;
		this.error = error;
		this.headers = headers;
	}

	public HttpStatus status() {
		return this.status;
	}

	/** The RFC 6749 error code, such as {@code invalid_client}. */
	public String error() {
		return this.error;
	}

	/** The body: {@code {error, error_description}}. */
	public Map<String, Object> body() {
		return Map.of("error", this.error, "error_description", getMessage());
	}

	public HttpHeaders headers() {
		return this.headers;
	}

	public static OAuthError invalidRequest(String description) {
		return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_request", description, HttpHeaders.EMPTY);
	}

	/**
	 * Unknown client, wrong secret or no credentials: one answer for all (section 5.2:
	 * {@code 401} with a {@code Basic} challenge).
	 */
	public static OAuthError invalidClient() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"portcullis\", charset=\"UTF-8\"");
		return new OAuthError(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed.", headers);
	}

	public static OAuthError unsupportedGrantType() {
		return new OAuthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
				"Only grant_type=client_credentials is supported.", HttpHeaders.EMPTY);
	}

	public static OAuthError invalidScope() {
		return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_scope",
				"The requested scope is malformed or not allowed for this client.", HttpHeaders.EMPTY);
	}

	/**
	 * An {@code audience} the client may not ask for: {@code invalid_target}, the code
	 * RFC 8707 (section 2) and RFC 8693 (section 2.2.2) register for a resource or
	 * audience the server will not issue a token for.
	 */
	public static OAuthError invalidTarget() {
		return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_target",
				"The requested audience is not allowed for this client.", HttpHeaders.EMPTY);
	}

	/**
	 * The rate limiter's answer in the endpoint's shape: {@code 429 rate_limited} with
	 * {@code Retry-After}, or {@code 503 temporarily_unavailable} when the limiter fails
	 * closed.
	 */
	public static OAuthError fromRateLimiter(ProblemException problem) {
		String error = (problem.status() == HttpStatus.TOO_MANY_REQUESTS) ? "rate_limited" : "temporarily_unavailable";
		return new OAuthError(problem.status(), error, problem.detail(), problem.headers());
	}

}
