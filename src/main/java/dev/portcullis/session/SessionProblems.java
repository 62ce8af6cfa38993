package dev.portcullis.session;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.portcullis.support.ProblemException;

/** The problems the session feature answers, each built here and only here. */
public final class SessionProblems {

	private SessionProblems() {
	}

	/**
	 * {@code 401 session_revoked}: the session was ended (sign-out, revocation, reuse).
	 */
	public static ProblemException revoked() {
		return ProblemException.unauthorized("session_revoked", "This session has ended.");
	}

	/** {@code 401 session_expired}: the session ran out. */
	public static ProblemException expired() {
		return ProblemException.unauthorized("session_expired", "This session has expired.");
	}

	static ProblemException reused() {
		return ProblemException.unauthorized("refresh_token_reused",
				"This refresh token was already used; the session has been revoked.");
	}

	/** {@code 401 invalid_refresh_token}: none sent, or not one of a live chain. */
	public static ProblemException invalidRefreshToken() {
		return ProblemException.unauthorized("invalid_refresh_token", "No valid refresh token was sent.");
	}

	/** {@code 404 session_not_found}: unknown, ended or another user's session. */
	public static ProblemException notFound() {
		return ProblemException.notFound("session_not_found", "You have no active session with this id.");
	}

	/** {@code 401 unauthenticated} at sign-out, which takes either kind of token. */
	public static ProblemException signOutUnauthenticated() {
		return ProblemException.unauthorized("unauthenticated", "Sign-out needs an access token or a refresh token.");
	}

	/**
	 * {@code 403 csrf_invalid}: a cookie-authenticated change without the double submit.
	 */
	public static ProblemException csrfInvalid() {
		return ProblemException.forbidden("csrf_invalid",
				"Send the X-XSRF-TOKEN header with the value of the XSRF-TOKEN cookie.");
	}

	/** {@code 401 invalid_client} with a Basic challenge (introspection). */
	public static ProblemException invalidClient() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"portcullis\", charset=\"UTF-8\"");
		return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid_client",
				"Introspection needs valid service credentials (HTTP Basic).", Map.of(), headers);
	}

	/** {@code 400 invalid_request}: introspection without a token. */
	public static ProblemException introspectionWithoutToken() {
		return ProblemException.badRequest("invalid_request", "Send the token to introspect as token.");
	}

}
