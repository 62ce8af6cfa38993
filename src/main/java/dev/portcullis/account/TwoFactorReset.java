package dev.portcullis.account;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Turns two-factor authentication off for an account without the user's code, for the
 * admin reset endpoint (a user who lost their authenticator). The two-factor feature
 * replaces the default implementation to also delete secrets and backup codes.
 */
public interface TwoFactorReset {

	/** Answers false when the user does not exist. */
	Mono<Boolean> reset(UUID userId);

}
