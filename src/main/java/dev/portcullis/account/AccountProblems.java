package dev.portcullis.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.portcullis.support.ProblemException;

/** The problems the account feature answers, each built here and only here. */
public final class AccountProblems {

	private AccountProblems() {
	}

	/**
	 * {@code 401 invalid_credentials}: one answer for an unknown email and a wrong
	 * password, so it reveals no account.
	 */
	public static ProblemException invalidCredentials() {
		return ProblemException.unauthorized("invalid_credentials", "The email or password is incorrect.");
	}

	/**
	 * {@code 429 account_locked} with {@code Retry-After} in whole seconds, rounded up.
	 */
	static ProblemException locked(Instant until, Instant now) {
		long millis = Math.max(0, Duration.between(now, until).toMillis());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (millis + 999) / 1000)));
		return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "account_locked",
				"Too many failed attempts; this account is locked for a while.", Map.of(), headers);
	}

	/** {@code 422 weak_password} with the contract's {@code violations}. */
	static ProblemException weakPassword(List<String> violations) {
		return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "weak_password",
				"The password does not meet the password rules.", Map.of("violations", violations), HttpHeaders.EMPTY);
	}

	/**
	 * {@code 503 overloaded}: a password hash waited longer than
	 * {@code portcullis.password.hashing.max-queue-time} for a thread.
	 */
	static ProblemException overloaded() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "2");
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
				"The service is overloaded; retry shortly.", Map.of(), headers);
	}

	static ProblemException emailTaken() {
		return ProblemException.conflict("email_taken", "An account with this email already exists.");
	}

}
