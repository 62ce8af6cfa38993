package dev.portcullis.admin;

import dev.portcullis.support.ProblemException;

/** The problems the admin feature answers. */
final class AdminProblems {

	private AdminProblems() {
	}

	static ProblemException userNotFound() {
		return ProblemException.notFound("user_not_found", "No user has this id.");
	}

}
