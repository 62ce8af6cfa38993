package dev.portcullis.account;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Unlocks by clearing both lockouts: {@code users.failed_attempts} and
 * {@code users.locked_until} (V2) for the password, and the second-factor columns (V3).
 * An admin who lifts a lock means the account to be usable again, whichever factor locked
 * it.
 */
@Component
class ColumnAccountLocks implements AccountLocks {

	private final DatabaseClient db;

	ColumnAccountLocks(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Boolean> unlock(UUID userId) {
		return this.db
			.sql("update users set failed_attempts = 0, locked_until = null, second_factor_failed_attempts = 0, "
					+ "second_factor_locked_until = null where id = :id")
			.bind("id", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

}
