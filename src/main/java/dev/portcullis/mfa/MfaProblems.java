package dev.portcullis.mfa;

import org.springframework.http.HttpStatus;

import dev.portcullis.support.ProblemException;

/** The problems the two-factor feature answers, each built here and only here. */
public final class MfaProblems {

	private static final String INVALID_CODE = "The code is not valid. Codes work once; wait for the next one.";

	private MfaProblems() {
	}

	/**
	 * {@code invalid_code}: {@code 401} where the code is the credential
	 * ({@code /sign-in/two-factor}), {@code 400} where the caller is already signed in.
	 */
	public static ProblemException invalidCode(HttpStatus status) {
		return new ProblemException(status, "invalid_code", INVALID_CODE);
	}

	/** {@code 400 invalid_code}: 2FA is on and no code was sent. */
	static ProblemException codeRequired() {
		return ProblemException.badRequest("invalid_code",
				"Two-factor authentication is on: send a code from your authenticator app or a backup code.");
	}

	static ProblemException mfaTokenInvalid() {
		return ProblemException.unauthorized("mfa_token_invalid",
				"This sign-in challenge is unknown, used or expired; sign in again.");
	}

	static ProblemException stepUpRequired() {
		return ProblemException.forbidden("step_up_required",
				"Confirm your identity again at /v1/auth/step-up, then retry.");
	}

	static ProblemException notPending() {
		return ProblemException.conflict("two_factor_not_pending",
				"There is no two-factor enrollment waiting for verification; enable it first.");
	}

	static ProblemException alreadyEnabled() {
		return ProblemException.conflict("two_factor_already_enabled", "Two-factor authentication is already on.");
	}

}
