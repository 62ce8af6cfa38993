package dev.portcullis.account;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Clears an account's sign-in lockout, for the admin unlock endpoint. The lockout feature
 * owns the counting; this is the one operation admin needs from it.
 */
public interface AccountLocks {

	/**
	 * Resets the failure count and lifts any lock; answers false when the user does not
	 * exist.
	 */
	Mono<Boolean> unlock(UUID userId);

}
