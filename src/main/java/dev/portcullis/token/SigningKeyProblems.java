package dev.portcullis.token;

import dev.portcullis.support.ProblemException;

/** The problems of signing-key administration, built in one place. */
final class SigningKeyProblems {

	private SigningKeyProblems() {
	}

	static ProblemException notFound() {
		return ProblemException.notFound("signing_key_not_found",
				"No signing key with this kid is published (unknown, or retired already).");
	}

}
