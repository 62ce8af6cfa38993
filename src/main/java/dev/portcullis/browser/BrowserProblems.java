package dev.portcullis.browser;

import dev.portcullis.support.ProblemException;

/** The browser feature's problems, built in one place. */
final class BrowserProblems {

	private BrowserProblems() {
	}

	/** A page asset nobody named: the same answer as any unknown path. */
	static ProblemException noSuchFile() {
		return ProblemException.notFound("not_found", "There is no such file.");
	}

}
