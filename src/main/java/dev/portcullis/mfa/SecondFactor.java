package dev.portcullis.mfa;

import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.SecondFactorLockout;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;

/**
 * Checks a second-factor code, a TOTP code (six digits) or a backup code (anything else),
 * for a user whose 2FA is on. Every check goes through the second-factor lockout: refused
 * outright while locked, a wrong code counted as a failure, a right one resetting the
 * count. A used backup code is recorded as {@code two_factor.backup_code_used} with the
 * number of codes left. The caller decides the status of a wrong code ({@code 401} at
 * sign-in, {@code 400} elsewhere) and applies the rate limit, which needs the request.
 */
@Component
public class SecondFactor {

	private final TotpVerifier totp;

	private final BackupCodes backupCodes;

	private final SecondFactorLockout lockout;

	private final SecurityEvents events;

	SecondFactor(TotpVerifier totp, BackupCodes backupCodes, SecondFactorLockout lockout, SecurityEvents events) {
		this.totp = totp;
		this.backupCodes = backupCodes;
		this.lockout = lockout;
		this.events = events;
	}

	/** Whether the code is right (and now used up); errors while the lockout holds. */
	public Mono<Boolean> verify(UUID userId, String code, EventContext context) {
		String trimmed = code.strip().replace(" ", "");
		return this.lockout.checkNotLocked(userId)
			.then(Mono.defer(() -> TotpVerifier.looksLikeTotp(trimmed) ? this.totp.verifyConfirmed(userId, trimmed)
					: useBackupCode(userId, code, context)))
			.flatMap((valid) -> (valid ? this.lockout.recordSuccess(userId) : this.lockout.recordFailure(userId))
				.thenReturn(valid));
	}

	/**
	 * Whether the code is a right TOTP code (backup codes cannot confirm an enrollment).
	 */
	Mono<Boolean> confirmEnrollment(UUID userId, String code) {
		String trimmed = code.strip().replace(" ", "");
		return this.lockout.checkNotLocked(userId)
			.then(Mono.defer(() -> this.totp.confirmPending(userId, trimmed)))
			.flatMap((valid) -> (valid ? this.lockout.recordSuccess(userId) : this.lockout.recordFailure(userId))
				.thenReturn(valid));
	}

	private Mono<Boolean> useBackupCode(UUID userId, String code, EventContext context) {
		return this.backupCodes.use(userId, code)
			.flatMap((remaining) -> this.events
				.record("two_factor.backup_code_used", context.withDetails(Map.of("remaining", remaining)))
				.thenReturn(true))
			.defaultIfEmpty(false);
	}

}
