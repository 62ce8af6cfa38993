package dev.portcullis.account;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Unlocks by clearing {@code users.failed_attempts} and {@code users.locked_until} (added in V2). */
@Component
class ColumnAccountLocks implements AccountLocks {

	private final DatabaseClient db;

	ColumnAccountLocks(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Boolean> unlock(UUID userId) {
		return this.db.sql("update users set failed_attempts = 0, locked_until = null where id = :id")
			.bind("id", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

}
