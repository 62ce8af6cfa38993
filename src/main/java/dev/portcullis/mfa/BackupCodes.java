package dev.portcullis.mfa;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.portcullis.crypto.Hmac;
import dev.portcullis.crypto.HmacKeys;

/**
 * Storage of backup codes ({@link BackupCodeFormat}): stored as HMAC-SHA256 of user id
 * and code under the {@code backup-code} secret ({@link HmacKeys}; its version is stored
 * beside each hash, or for codes made before versions the id of the master key they were
 * keyed under): a stolen table alone cannot be brute-forced offline, and codes survive a
 * master-key rotation. A submitted code is compared against every stored hash of the user
 * in constant time, and the match is used by deleting its row ({@code DELETE …
 * RETURNING}), so each code works once even when presented twice at the same moment.
 */
@Component
class BackupCodes {

	private static final Logger logger = LoggerFactory.getLogger(BackupCodes.class);

	private static final String PURPOSE = "backup-code";

	private final DatabaseClient db;

	private final HmacKeys keys;

	BackupCodes(DatabaseClient db, HmacKeys keys) {
		this.db = db;
		this.keys = keys;
	}

	/** Replaces the user's codes with these, in one statement: the old set is void. */
	Mono<Void> replace(UUID userId, List<String> codes, Instant now) {
		return this.keys.current(PURPOSE).flatMap((hmac) -> replace(userId, codes, hmac, now));
	}

	private Mono<Void> replace(UUID userId, List<String> codes, Hmac hmac, Instant now) {
		String[] ids = new String[codes.size()];
		String[] hashes = new String[codes.size()];
		for (int i = 0; i < codes.size(); i++) {
			ids[i] = UUID.randomUUID().toString();
			hashes[i] = HexFormat.of().formatHex(hash(hmac, userId, BackupCodeFormat.normalize(codes.get(i))));
		}
		return this.db.sql("""
				with removed as (delete from backup_codes where user_id = :userId)
				insert into backup_codes (id, user_id, key_id, code_hash, created_at)
				select cast(t.id as uuid), :userId, :keyId, decode(t.hash, 'hex'), :now
				from unnest(cast(:ids as text[]), cast(:hashes as text[])) as t (id, hash)""")
			.bind("userId", userId)
			.bind("keyId", hmac.id())
			.bind("now", now)
			.bind("ids", ids)
			.bind("hashes", hashes)
			.then();
	}

	/**
	 * Uses one of the user's codes: answers the number of codes left when the code was
	 * valid and this call consumed it, empty otherwise.
	 */
	Mono<Integer> use(UUID userId, String submitted) {
		String code = BackupCodeFormat.normalize(submitted);
		if (code.length() != BackupCodeFormat.LENGTH) {
			return Mono.empty();
		}
		// Only an enabled 2FA's codes count: a pending enrollment's codes wait for its
		// verification.
		return this.db
			.sql("select id, key_id, code_hash from backup_codes where user_id = :userId and exists "
					+ "(select 1 from two_factor_secrets where user_id = :userId and confirmed_at is not null)")
			.bind("userId", userId)
			.map((row, meta) -> new Stored(row.get("id", UUID.class), row.get("key_id", String.class),
					row.get("code_hash", byte[].class)))
			.all()
			.collectList()
			.flatMap((stored) -> keysOf(stored).map((keys) -> Optional.ofNullable(match(stored, keys, userId, code))))
			.flatMap((matched) -> matched.map((id) -> consume(userId, id)).orElseGet(Mono::empty));
	}

	/**
	 * The keys that made these hashes, by id; a key that no longer exists (codes of a
	 * master key removed from the ring) is left out, and its codes never match.
	 */
	private Mono<Map<String, Hmac>> keysOf(List<Stored> stored) {
		return Flux.fromStream(stored.stream().map(Stored::keyId).distinct())
			.concatMap((keyId) -> this.keys.byId(PURPOSE, keyId).onErrorResume(IllegalStateException.class, (ex) -> {
				logger.warn("Backup codes keyed under {} cannot be checked: {}", keyId, ex.getMessage());
				return Mono.empty();
			}))
			.collectMap(Hmac::id);
	}

	/** Compares with every stored hash, without stopping at a match. */
	private static UUID match(List<Stored> stored, Map<String, Hmac> keys, UUID userId, String code) {
		Map<String, byte[]> hashByKey = new HashMap<>();
		UUID matched = null;
		for (Stored candidate : stored) {
			Hmac hmac = keys.get(candidate.keyId());
			if (hmac == null) {
				continue;
			}
			byte[] expected = hashByKey.computeIfAbsent(candidate.keyId(), (keyId) -> hash(hmac, userId, code));
			if (MessageDigest.isEqual(expected, candidate.hash())) {
				matched = candidate.id();
			}
		}
		return matched;
	}

	private Mono<Integer> consume(UUID userId, UUID id) {
		return this.db.sql("""
				with used as (delete from backup_codes where id = :id and user_id = :userId returning user_id)
				select count(*) - 1 as remaining from backup_codes
				where user_id = :userId and exists (select 1 from used)""")
			.bind("id", id)
			.bind("userId", userId)
			.map((row, meta) -> row.get("remaining", Long.class))
			.one()
			.filter((remaining) -> remaining >= 0)
			.map(Long::intValue);
	}

	private static byte[] hash(Hmac hmac, UUID userId, String code) {
		return hmac.sign(userId + ":" + code);
	}

	private record Stored(UUID id, String keyId, byte[] hash) {

	}

}
