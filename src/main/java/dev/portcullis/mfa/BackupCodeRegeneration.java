package dev.portcullis.mfa;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.portcullis.account.User;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;

/**
 * A new set of backup codes for a user with 2FA on, after a right code (TOTP or backup
 * code) and a fresh authentication, which the caller has checked. The old set is void in
 * the same statement that stores the new one, in a transaction that holds the user's row,
 * so of two regenerations at once only the later set stays valid;
 * {@code two_factor.backup_codes_regenerated} is recorded.
 */
@Component
public class BackupCodeRegeneration {

	private final BackupCodes backupCodes;

	private final SecondFactor secondFactor;

	private final SecurityEvents events;

	private final TotpSecrets secrets;

	private final TransactionalOperator transactions;

	private final Clock clock;

	BackupCodeRegeneration(BackupCodes backupCodes, SecondFactor secondFactor, SecurityEvents events,
			TotpSecrets secrets, TransactionalOperator transactions, Clock clock) {
		this.backupCodes = backupCodes;
		this.secrets = secrets;
		this.transactions = transactions;
		this.secondFactor = secondFactor;
		this.events = events;
		this.clock = clock;
	}

	/** The new codes, or empty for a wrong code or when 2FA is not on. */
	public Mono<List<String>> regenerate(User user, String code, EventContext context) {
		if (!user.twoFactorEnabled()) {
			return Mono.empty();
		}
		return this.secondFactor.verify(user.id(), code, context)
			.filter(Boolean::booleanValue)
			.flatMap((valid) -> replace(user.id()))
			.flatMap((codes) -> this.events.record("two_factor.backup_codes_regenerated", context).thenReturn(codes));
	}

	/** A new set in place of the old one, one user's replacements at a time. */
	Mono<List<String>> replace(UUID userId) {
		List<String> codes = BackupCodeFormat.generate();
		return this.transactions
			.transactional(this.secrets.lockUser(userId)
				.then(Mono.defer(() -> this.backupCodes.replace(userId, codes, this.clock.instant()))))
			.thenReturn(codes);
	}

}
