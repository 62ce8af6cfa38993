package dev.portcullis.email;

import org.springframework.http.HttpStatus;

import dev.portcullis.support.ProblemException;

/** The problems the email feature answers, each built here and only here. */
final class EmailProblems {

	private EmailProblems() {
	}

	/** {@code 400 token_invalid}: unknown, malformed or already used link. */
	static ProblemException tokenInvalid() {
		return ProblemException.badRequest("token_invalid", "The link is not valid or has already been used.");
	}

	/** {@code 410 token_expired}. */
	static ProblemException tokenExpired() {
		return new ProblemException(HttpStatus.GONE, "token_expired", "The link has expired; ask for a new one.");
	}

	/** {@code 403 email_not_verified}, when sign-in requires a verified address. */
	static ProblemException emailNotVerified() {
		return ProblemException.forbidden("email_not_verified",
				"Verify your email address first; you can ask for a new link at /v1/auth/send-verification-email.");
	}

}
