package dev.portcullis.token;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.portcullis.crypto.SealedColumn;
import dev.portcullis.crypto.SecretBox;

/** Signing keys in PostgreSQL, private halves sealed under the master key. */
@Component
class SigningKeyStore {

	/**
	 * Bound with the generation, so a private key never opens as another generation's.
	 */
	static final SealedColumn COLUMN = new SealedColumn("signing_keys", "private_jwk", "generation", "integer",
			"signing-key");

	private final DatabaseClient db;

	private final SecretBox box;

	SigningKeyStore(DatabaseClient db, SecretBox box) {
		this.db = db;
		this.box = box;
	}

	/** Declares the sealed column to the master-key re-seal. */
	@Bean
	static SealedColumn signingKeysColumn() {
		return COLUMN;
	}

	Flux<SigningKey> all() {
		return this.db
			.sql("select generation, private_jwk, activates_at, retired_at from signing_keys order by generation")
			.map((row, meta) -> new SigningKey(row.get("generation", Integer.class),
					open(row.get("generation", Integer.class), row.get("private_jwk", String.class)),
					row.get("activates_at", Instant.class), row.get("retired_at", Instant.class)))
			.all();
	}

	/**
	 * Inserts the key unless another instance already created this generation; every
	 * instance then reloads and agrees on whichever row won.
	 */
	Mono<Void> insertIfAbsent(SigningKey key, Instant now) {
		return insert(key, now).then();
	}

	/**
	 * Inserts the key unless its generation exists; answers whether this call inserted
	 * it.
	 */
	Mono<Boolean> insert(SigningKey key, Instant now) {
		return this.db.sql(
				"insert into signing_keys (generation, kid, algorithm, public_jwk, private_jwk, created_at, activates_at) "
						+ "values (:generation, :kid, :alg, :publicJwk, :privateJwk, :now, :activatesAt) "
						+ "on conflict (generation) do nothing")
			.bind("generation", key.generation())
			.bind("kid", key.kid())
			.bind("alg", key.jwk().getAlgorithm().getName())
			.bind("publicJwk", key.jwk().toPublicJWK().toJSONString())
			.bind("privateJwk",
					this.box.seal(COLUMN, key.generation(), key.jwk().toJSONString().getBytes(StandardCharsets.UTF_8)))
			.bind("now", now)
			.bind("activatesAt", key.activatesAt())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** Retires a key that is not retired yet; answers whether this call retired it. */
	Mono<Boolean> retire(String kid, Instant now) {
		return this.db.sql("update signing_keys set retired_at = :now where kid = :kid and retired_at is null")
			.bind("now", now)
			.bind("kid", kid)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	Mono<Void> deleteBefore(int generation) {
		return this.db.sql("delete from signing_keys where generation < :generation")
			.bind("generation", generation)
			.then();
	}

	private JWK open(int generation, String sealed) {
		try {
			return JWK.parse(new String(this.box.open(COLUMN, generation, sealed), StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key could not be parsed", ex);
		}
	}

}
