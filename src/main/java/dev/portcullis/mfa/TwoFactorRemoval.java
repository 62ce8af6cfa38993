package dev.portcullis.mfa;

import java.time.Clock;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.TwoFactorReset;
import dev.portcullis.account.User;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.session.SessionRevoker;

/**
 * Turning 2FA off. By the user ({@link #disable}): a right code (TOTP or backup code)
 * after a fresh authentication, which the caller has checked; the user's other sessions
 * end and {@code two_factor.disabled} is recorded. By an admin ({@link #reset}, for a
 * user who lost their authenticator): no code; the admin endpoint records the event and
 * ends the sessions. Either way the secret, the backup codes and any open sign-in
 * challenge are deleted and the flag cleared in one statement.
 */
@Component
public class TwoFactorRemoval implements TwoFactorReset {

	private final TotpSecrets secrets;

	private final SecondFactor secondFactor;

	private final SessionRevoker revoker;

	private final SecurityEvents events;

	private final Clock clock;

	TwoFactorRemoval(TotpSecrets secrets, SecondFactor secondFactor, SessionRevoker revoker, SecurityEvents events,
			Clock clock) {
		this.secrets = secrets;
		this.secondFactor = secondFactor;
		this.revoker = revoker;
		this.events = events;
		this.clock = clock;
	}

	/** Answers false, changing nothing, for a wrong code or when 2FA is not on. */
	public Mono<Boolean> disable(User user, String code, EventContext context) {
		if (!user.twoFactorEnabled()) {
			return Mono.just(false);
		}
		return this.secondFactor.verify(user.id(), code, context)
			.flatMap((valid) -> valid ? removed(user, context).thenReturn(true) : Mono.just(false));
	}

	private Mono<Void> removed(User user, EventContext context) {
		return this.secrets.removeAll(user.id(), this.clock.instant())
			.then(Mono
				.defer(() -> this.revoker.revokeAll(user.id(), context.sessionId(), "two_factor_disabled", context)))
			.then(Mono.defer(() -> this.events.record("two_factor.disabled", context)))
			.then();
	}

	@Override
	public Mono<Boolean> reset(UUID userId) {
		return this.secrets.removeAll(userId, this.clock.instant());
	}

}
