package dev.portcullis.account;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The second-factor lockout: TOTP and backup-code failures counted per account, apart
 * from password failures, with their own threshold. The two-factor feature calls it
 * around every code check; the lockout feature implements it.
 */
public interface SecondFactorLockout {

	/** Errors with {@code 429 account_locked} and {@code Retry-After} while locked. */
	Mono<Void> checkNotLocked(UUID userId);

	/** Counts a wrong code atomically; may lock the account's second factor. */
	Mono<Void> recordFailure(UUID userId);

	/**
	 * A right code resets the count; errors with {@code 429 account_locked} if a parallel
	 * attempt locked the account after {@link #checkNotLocked}.
	 */
	Mono<Void> recordSuccess(UUID userId);

}
