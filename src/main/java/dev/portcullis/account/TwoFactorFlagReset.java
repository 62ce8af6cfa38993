package dev.portcullis.account;

import java.time.Clock;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Resets 2FA by clearing {@code users.two_factor_enabled}; the 2FA feature extends this. */
@Component
class TwoFactorFlagReset implements TwoFactorReset {

	private final DatabaseClient db;

	private final Clock clock;

	TwoFactorFlagReset(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	@Override
	public Mono<Boolean> reset(UUID userId) {
		return this.db.sql("update users set two_factor_enabled = false, updated_at = :now where id = :id")
			.bind("now", this.clock.instant())
			.bind("id", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

}
