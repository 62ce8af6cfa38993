package dev.portcullis.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import dev.portcullis.support.Emails;

/** Accounts in PostgreSQL. Emails are unique case-insensitively. */
@Component
public class Users {

	private final DatabaseClient db;

	Users(DatabaseClient db) {
		this.db = db;
	}

	public Mono<User> findById(UUID id) {
		return this.db.sql("select * from users where id = :id").bind("id", id).map(Users::toUser).one();
	}

	public Mono<User> findByEmail(String email) {
		return this.db.sql("select * from users where email_normalized = :email")
			.bind("email", normalize(email))
			.map(Users::toUser)
			.one();
	}

	public Flux<User> search(String emailPrefix, int limit) {
		return this.db
			.sql("select * from users where email_normalized like :prefix order by email_normalized limit :limit")
			.bind("prefix", normalize(emailPrefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.bind("limit", limit)
			.map(Users::toUser)
			.all();
	}

	/**
	 * Inserts a new account; answers {@code 409 email_taken} when the email is in use.
	 */
	Mono<User> insert(User user) {
		return this.db
			.sql("insert into users (id, email, email_normalized, name, password_hash, email_verified, roles, "
					+ "created_at, updated_at) values (:id, :email, :normalized, :name, :hash, :verified, :roles, :now, :now)")
			.bind("id", user.id())
			.bind("email", user.email())
			.bind("normalized", normalize(user.email()))
			.bind("name", Parameter.fromOrEmpty(user.name(), String.class))
			.bind("hash", user.passwordHash())
			.bind("verified", user.emailVerified())
			.bind("roles", user.roles().toArray(String[]::new))
			.bind("now", user.createdAt())
			.then()
			.thenReturn(user)
			.onErrorMap(DuplicateKeyException.class, (ex) -> AccountProblems.emailTaken());
	}

	public Mono<Void> updatePasswordHash(UUID id, String hash, Instant now) {
		// A new password starts a new count: a reset (which proves the mailbox) lifts the
		// password lockout that guesses at the old one caused.
		return this.db
			.sql("update users set password_hash = :hash, failed_attempts = 0, locked_until = null, "
					+ "updated_at = :now where id = :id")
			.bind("hash", hash)
			.bind("now", now)
			.bind("id", id)
			.then();
	}

	/**
	 * Locks the user's row until the surrounding transaction ends, so that features
	 * changing state tied to the user (a 2FA enrollment, a backup-code set) run one at a
	 * time per user.
	 */
	public Mono<Void> lockForUpdate(UUID id) {
		return this.db.sql("select id from users where id = :id for update").bind("id", id).then();
	}

	/** Sets the two-factor flag; answers whether the user exists. */
	public Mono<Boolean> setTwoFactorEnabled(UUID id, boolean enabled, Instant now) {
		return this.db.sql("update users set two_factor_enabled = :enabled, updated_at = :now where id = :id")
			.bind("enabled", enabled)
			.bind("now", now)
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Marks the address verified; answers whether it was not verified before. */
	public Mono<Boolean> markEmailVerified(UUID id, Instant now) {
		return this.db
			.sql("update users set email_verified = true, updated_at = :now where id = :id and not email_verified "
					+ "returning id")
			.bind("now", now)
			.bind("id", id)
			.map((row, meta) -> true)
			.one()
			.defaultIfEmpty(false);
	}

	static String normalize(String email) {
		return Emails.normalize(email);
	}

	static User toUser(Readable row) {
		String[] roles = row.get("roles", String[].class);
		return new User(row.get("id", UUID.class), row.get("email", String.class), row.get("name", String.class),
				row.get("password_hash", String.class), Boolean.TRUE.equals(row.get("email_verified", Boolean.class)),
				(roles != null) ? Arrays.asList(roles) : List.of(),
				Boolean.TRUE.equals(row.get("two_factor_enabled", Boolean.class)),
				row.get("created_at", Instant.class));
	}

}
