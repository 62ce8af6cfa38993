package dev.portcullis.mfa;

import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.portcullis.crypto.HmacKeys;
import dev.portcullis.crypto.MasterKeyReferences;

/**
 * Backup codes made before per-purpose HMAC secrets name the master key they were keyed
 * under, and a hash cannot be re-keyed: such a key must stay in the ring until the user
 * uses or replaces those codes (or an operator deletes them, see docs/runbooks.md).
 */
@Component
class LegacyBackupCodeKeys implements MasterKeyReferences {

	private final DatabaseClient db;

	LegacyBackupCodeKeys(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public String name() {
		return "backup_codes.key_id";
	}

	@Override
	public Flux<Count> countByKeyId() {
		return this.db
			.sql("select key_id, count(*) as n from backup_codes where key_id not like '" + HmacKeys.VERSION_PREFIX
					+ "%' group by key_id")
			.map((row, meta) -> new Count(row.get("key_id", String.class), row.get("n", Long.class)))
			.all();
	}

}
