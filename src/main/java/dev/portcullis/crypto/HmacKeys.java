package dev.portcullis.crypto;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The one place that keys HMACs: refresh-token successors, rate-limit counter names,
 * backup-code hashes. Each purpose has its own secret in {@code hmac_secrets}, sealed by
 * {@link SecretBox} like any other secret, so a master-key rotation re-seals it but does
 * not change it: successors derived before and after a rotation are equal (the reuse
 * grace window survives it, also on a fleet where some instances already have the new
 * active key), counters keep their names, and backup codes keep matching.
 *
 * <p>
 * A purpose's first secret is created on first use, by whichever instance comes first
 * (the others read its row). Its value is the purpose key of the first format,
 * HMAC-SHA256 of {@code portcullis/<purpose>} under the active master key, so an upgrade
 * from a version without per-purpose secrets changes no successor, counter or backup
 * code. Each secret has a version, stored beside the values it keyed as
 * {@code hmac:<version>}.
 */
@Component
public class HmacKeys {

	static final SealedColumn COLUMN = new SealedColumn("hmac_secrets", "secret", "id", "text", "hmac-secret");

	/** Starts the id of every per-purpose secret version: {@code hmac:<version>}. */
	public static final String VERSION_PREFIX = "hmac:";

	private final DatabaseClient db;

	private final SecretBox box;

	private final MasterKeys keys;

	private final Clock clock;

	private final TransactionalOperator ownTransaction;

	/** Purpose → newest version, once read: versions are only ever added. */
	private final Map<String, Hmac> current = new ConcurrentHashMap<>();

	/** Purpose and version → key, once read. */
	private final Map<String, Hmac> versions = new ConcurrentHashMap<>();

	HmacKeys(DatabaseClient db, SecretBox box, MasterKeys keys, Clock clock, ReactiveTransactionManager transactions) {
		this.db = db;
		this.box = box;
		this.keys = keys;
		this.clock = clock;
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition(
				TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.ownTransaction = TransactionalOperator.create(transactions, definition);
	}

	/** The key for new values of this purpose: its newest version. */
	public Mono<Hmac> current(String purpose) {
		Hmac known = this.current.get(purpose);
		if (known != null) {
			return Mono.just(known);
		}
		return loadNewest(purpose).doOnNext((hmac) -> this.current.putIfAbsent(purpose, hmac));
	}

	/**
	 * The key that made a stored value: {@code hmac:<version>}, or the id of the master
	 * key it was keyed under before per-purpose secrets. Errors when that master key is
	 * no longer in the ring.
	 */
	public Mono<Hmac> byId(String purpose, String keyId) {
		if (!keyId.startsWith(VERSION_PREFIX)) {
			return Mono.fromCallable(() -> new Hmac(keyId, this.keys.legacyDerive(purpose, keyId)));
		}
		String cacheKey = purpose + "/" + keyId;
		Hmac known = this.versions.get(cacheKey);
		if (known != null) {
			return Mono.just(known);
		}
		return Mono.defer(() -> loadVersion(purpose, keyId))
			.doOnNext((hmac) -> this.versions.putIfAbsent(cacheKey, hmac));
	}

	/**
	 * Reads the newest version, creating the first one if there is none yet. Runs in its
	 * own transaction: the row must exist whatever becomes of the caller's.
	 */
	private Mono<Hmac> loadNewest(String purpose) {
		Mono<Hmac> newest = this.db
			.sql("select id, version, secret from hmac_secrets where purpose = :purpose order by version desc limit 1")
			.bind("purpose", purpose)
			.map((row, meta) -> open(row.get("id", String.class), row.get("version", Integer.class),
					row.get("secret", String.class)))
			.one();
		return this.ownTransaction
			.transactional(newest.switchIfEmpty(Mono.defer(() -> createFirst(purpose).then(newest))));
	}

	private Mono<Hmac> loadVersion(String purpose, String keyId) {
		int version = Integer.parseInt(keyId.substring(VERSION_PREFIX.length()));
		return this.db
			.sql("select id, version, secret from hmac_secrets where purpose = :purpose and version = :version")
			.bind("purpose", purpose)
			.bind("version", version)
			.map((row, meta) -> open(row.get("id", String.class), row.get("version", Integer.class),
					row.get("secret", String.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"No HMAC secret " + keyId + " for " + purpose + " in hmac_secrets")));
	}

	private Mono<Void> createFirst(String purpose) {
		String id = rowId(purpose, 1);
		byte[] secret = this.keys.legacyDerive(purpose, this.keys.activeId());
		return this.db.sql("""
				insert into hmac_secrets (id, purpose, version, secret, created_at)
				values (:id, :purpose, 1, :secret, :now) on conflict do nothing""")
			.bind("id", id)
			.bind("purpose", purpose)
			.bind("secret", this.box.seal(COLUMN, id, secret))
			.bind("now", this.clock.instant())
			.then();
	}

	private Hmac open(String id, int version, String sealed) {
		return new Hmac(VERSION_PREFIX + version, this.box.open(COLUMN, id, sealed));
	}

	static String rowId(String purpose, int version) {
		return purpose + "/" + version;
	}

}
