package dev.portcullis.account;

import reactor.core.publisher.Mono;

/**
 * A rule a user must pass after the password (or first factor) is proven and before any
 * session or two-factor challenge is issued, such as a verified email. Every bean of this
 * type runs, in order, on every successful password check.
 */
public interface SignInCheck {

	/** Completes empty to allow, or errors with the problem to answer. */
	Mono<Void> check(User user);

}
