package dev.portcullis.support;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An error that answers the client with an RFC 9457 problem document carrying a stable
 * machine-readable {@code code}. The {@code detail} is shown to clients, so it never
 * carries a secret, a token or an internal name.
 */
public class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, Object> properties;

	private final HttpHeaders headers;

	public ProblemException(HttpStatus status, String code, String detail) {
		this(status, code, detail, Map.of(), HttpHeaders.EMPTY);
	}

	public ProblemException(HttpStatus status, String code, String detail, Map<String, Object> properties,
			HttpHeaders headers) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
		this.properties = Map.copyOf(properties);
		this.headers = headers;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String detail() {
		return getMessage();
	}

	/** Extra members of the problem document, such as {@code violations}. */
	public Map<String, Object> properties() {
		return this.properties;
	}

	public HttpHeaders headers() {
		return this.headers;
	}

	public static ProblemException unauthorized(String code, String detail) {
		return new ProblemException(HttpStatus.UNAUTHORIZED, code, detail);
	}

	public static ProblemException badRequest(String code, String detail) {
		return new ProblemException(HttpStatus.BAD_REQUEST, code, detail);
	}

	public static ProblemException forbidden(String code, String detail) {
		return new ProblemException(HttpStatus.FORBIDDEN, code, detail);
	}

	public static ProblemException notFound(String code, String detail) {
		return new ProblemException(HttpStatus.NOT_FOUND, code, detail);
	}

	/** {@code 400 validation_failed} with {@code errors: [{field, code, message}]}. */
	public static ProblemException validationFailed(List<Map<String, String>> errors) {
		return new ProblemException(HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields.",
				Map.of("errors", errors), HttpHeaders.EMPTY);
	}

	public static ProblemException conflict(String code, String detail) {
		return new ProblemException(HttpStatus.CONFLICT, code, detail);
	}

}
