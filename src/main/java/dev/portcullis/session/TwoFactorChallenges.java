package dev.portcullis.session;

import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.portcullis.account.User;

/**
 * Opens a sign-in challenge for a user with 2FA on, whose password (and every
 * {@link dev.portcullis.account.SignInCheck}) has just been proven: the answer is the
 * short-lived, single-use {@code mfaToken} the client completes at
 * {@code /v1/auth/sign-in/two-factor}. The challenge remembers how the session is to be
 * started and its tokens delivered. The two-factor feature implements it.
 */
public interface TwoFactorChallenges {

	Mono<String> open(User user, boolean rememberMe, boolean bodyDelivery);

	/**
	 * Deletes every open challenge of the user: a password proven before a reset, a
	 * change or a forced logout must not complete a sign-in afterwards.
	 */
	Mono<Void> discardAll(UUID userId);

}
