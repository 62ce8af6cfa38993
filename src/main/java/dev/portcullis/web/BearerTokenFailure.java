package dev.portcullis.web;

import org.springframework.security.core.AuthenticationException;

import dev.portcullis.support.ProblemException;

/** Carries the contract's answer for a bearer token that did not authenticate. */
class BearerTokenFailure extends AuthenticationException {

	private final ProblemException problem;

	BearerTokenFailure(ProblemException problem) {
		super(problem.detail());
		this.problem = problem;
	}

	ProblemException problem() {
		return this.problem;
	}

}
