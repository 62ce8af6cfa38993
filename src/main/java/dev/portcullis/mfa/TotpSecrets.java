package dev.portcullis.mfa;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.portcullis.crypto.SealedColumn;
import dev.portcullis.account.Users;
import dev.portcullis.crypto.SecretBox;

/**
 * TOTP secrets in {@code two_factor_secrets}, sealed with {@link SecretBox} (the purpose
 * is bound as associated data, and the master key id travels in the ciphertext, so the
 * master key can rotate). Accepting a code is one conditional update of
 * {@code last_used_step}: of any number of concurrent callers on any number of instances
 * presenting codes of the same step, exactly one changes the row.
 */
@Component
class TotpSecrets {

	/** Bound with the user id, so a secret never opens as another user's. */
	static final SealedColumn COLUMN = new SealedColumn("two_factor_secrets", "secret", "user_id", "uuid",
			"totp-secret");

	private final DatabaseClient db;

	private final SecretBox box;

	private final Users users;

	private final TransactionalOperator transactions;

	TotpSecrets(DatabaseClient db, SecretBox box, Users users, TransactionalOperator transactions) {
		this.db = db;
		this.box = box;
		this.users = users;
		this.transactions = transactions;
	}

	/** Declares the sealed column to the master-key re-seal. */
	@Bean
	static SealedColumn totpSecretsColumn() {
		return COLUMN;
	}

	/**
	 * Locks the user's row until the surrounding transaction ends, so that changes to the
	 * user's 2FA state (a new enrollment, a new backup-code set) run one at a time: each
	 * then sees the rows the previous one committed, and a double-clicked request cannot
	 * leave two sets of codes valid.
	 */
	Mono<Void> lockUser(UUID userId) {
		return this.users.lockForUpdate(userId);
	}

	/**
	 * Stores a new pending secret for the user, replacing a pending one; answers empty
	 * when the user's secret is already confirmed (2FA on), so a confirmed secret is
	 * never overwritten, even by a racing request.
	 */
	Mono<UUID> storePending(UUID userId, byte[] secret, Instant now) {
		return this.db.sql("""
				insert into two_factor_secrets (user_id, secret, confirmed_at, last_used_step, created_at)
				values (:userId, :secret, null, null, :now)
				on conflict (user_id) do update set secret = excluded.secret, last_used_step = null,
				  created_at = excluded.created_at
				  where two_factor_secrets.confirmed_at is null
				returning user_id""")
			.bind("userId", userId)
			.bind("secret", this.box.seal(COLUMN, userId, secret))
			.bind("now", now)
			.map((row, meta) -> row.get("user_id", UUID.class))
			.one();
	}

	Mono<StoredSecret> find(UUID userId) {
		return this.db
			.sql("select secret, confirmed_at, last_used_step from two_factor_secrets where user_id = :userId")
			.bind("userId", userId)
			.map((row, meta) -> new StoredSecret(this.box.open(COLUMN, userId, row.get("secret", String.class)),
					row.get("confirmed_at", Instant.class) != null, row.get("last_used_step", Long.class)))
			.one();
	}

	/**
	 * Records that a code of {@code step} was used on a confirmed secret, if no code of
	 * this or a later step was used before. Answers whether this call won.
	 */
	Mono<Boolean> claimStep(UUID userId, long step) {
		return this.db
			.sql("update two_factor_secrets set last_used_step = :step where user_id = :userId "
					+ "and confirmed_at is not null and (last_used_step is null or last_used_step < :step)")
			.bind("step", step)
			.bind("userId", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/**
	 * Confirms a pending secret with a code of {@code step} and turns 2FA on for the
	 * user, in one statement. Answers false when there was no pending secret any more or
	 * the step was already used.
	 */
	Mono<Boolean> confirm(UUID userId, long step, Instant now) {
		return this.transactions.transactional(this.db.sql("""
				update two_factor_secrets set confirmed_at = :now, last_used_step = :step
				where user_id = :userId and confirmed_at is null
				  and (last_used_step is null or last_used_step < :step)""")
			.bind("now", now)
			.bind("step", step)
			.bind("userId", userId)
			.fetch()
			.rowsUpdated()
			.filter((rows) -> rows > 0)
			.flatMap((rows) -> this.users.setTwoFactorEnabled(userId, true, now))
			.defaultIfEmpty(false));
	}

	/**
	 * Turns 2FA off for the user: deletes the secret, the backup codes and any open
	 * sign-in challenge, and clears the account's two-factor flag, in one transaction.
	 * Answers whether the user exists.
	 */
	Mono<Boolean> removeAll(UUID userId, Instant now) {
		return this.transactions.transactional(this.db.sql("""
				with secrets as (delete from two_factor_secrets where user_id = :userId),
				codes as (delete from backup_codes where user_id = :userId)
				delete from mfa_challenges where user_id = :userId""")
			.bind("userId", userId)
			.then()
			.then(this.users.setTwoFactorEnabled(userId, false, now)));
	}

	/** A user's secret, opened. {@code lastUsedStep} is null before any code was used. */
	record StoredSecret(byte[] secret, boolean confirmed, Long lastUsedStep) {

		@Override
		public String toString() {
			return "StoredSecret[confirmed=" + this.confirmed + "]";
		}

	}

}
