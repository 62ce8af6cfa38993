package dev.portcullis.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.portcullis.crypto.Tokens;

/**
 * Single-use email tokens (verification, password reset): 256 random bits, stored only as
 * SHA-256 hashes, consumed by one {@code DELETE … RETURNING} so that of any number of
 * concurrent uses exactly one succeeds. A used or unknown token answers
 * {@code 400 token_invalid}; an expired one {@code 410 token_expired} (expired rows are
 * kept until the retention sweep, so a late click still says "expired").
 */
@Component
class EmailTokens {

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final DatabaseClient db;

	private final Clock clock;

	EmailTokens(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	enum Purpose {

		VERIFY_EMAIL, PASSWORD_RESET

	}

	/**
	 * Stores a new token's hash and answers the token, which only the mail will carry.
	 */
	Mono<String> issue(UUID userId, Purpose purpose, Duration ttl) {
		String token = Tokens.random();
		Instant now = this.clock.instant();
		return this.db
			.sql("insert into email_tokens (token_hash, purpose, user_id, created_at, expires_at) "
					+ "values (:hash, :purpose, :userId, :now, :expiresAt)")
			.bind("hash", Tokens.hash(token))
			.bind("purpose", purpose.name())
			.bind("userId", userId)
			.bind("now", now)
			.bind("expiresAt", now.plus(ttl))
			.then()
			.thenReturn(token);
	}

	/** Answers the owner of a live token without using it up, or the token's error. */
	Mono<UUID> peek(String token, Purpose purpose) {
		if (!wellFormed(token)) {
			return Mono.error(EmailProblems::tokenInvalid);
		}
		return this.db
			.sql("select user_id, expires_at from email_tokens where token_hash = :hash and purpose = :purpose")
			.bind("hash", Tokens.hash(token))
			.bind("purpose", purpose.name())
			.map((row, meta) -> new Found(row.get("user_id", UUID.class), row.get("expires_at", Instant.class)))
			.one()
			.switchIfEmpty(Mono.error(EmailProblems::tokenInvalid))
			.flatMap((found) -> found.expiresAt().isAfter(this.clock.instant()) ? Mono.just(found.userId())
					: Mono.error(EmailProblems::tokenExpired));
	}

	/** Uses the token up and answers its owner, or the token's error. */
	Mono<UUID> consume(String token, Purpose purpose) {
		if (!wellFormed(token)) {
			return Mono.error(EmailProblems::tokenInvalid);
		}
		byte[] hash = Tokens.hash(token);
		return this.db
			.sql("delete from email_tokens where token_hash = :hash and purpose = :purpose "
					+ "and expires_at > :now returning user_id")
			.bind("hash", hash)
			.bind("purpose", purpose.name())
			.bind("now", this.clock.instant())
			.map((row, meta) -> row.get("user_id", UUID.class))
			.one()
			.switchIfEmpty(Mono.defer(() -> whyUnusable(hash, purpose)));
	}

	/** Voids every token of this purpose the user still holds. */
	Mono<Void> revokeAll(UUID userId, Purpose purpose) {
		return this.db.sql("delete from email_tokens where user_id = :userId and purpose = :purpose")
			.bind("userId", userId)
			.bind("purpose", purpose.name())
			.then();
	}

	/** Deletes tokens that expired before {@code cutoff}: they only served "expired". */
	Mono<Void> deleteExpiredBefore(Instant cutoff) {
		return this.db.sql("delete from email_tokens where expires_at < :cutoff").bind("cutoff", cutoff).then();
	}

	private Mono<UUID> whyUnusable(byte[] hash, Purpose purpose) {
		return this.db.sql("select 1 from email_tokens where token_hash = :hash and purpose = :purpose")
			.bind("hash", hash)
			.bind("purpose", purpose.name())
			.map((row, meta) -> 1)
			.one()
			.flatMap((exists) -> Mono.<UUID>error(EmailProblems.tokenExpired()))
			.switchIfEmpty(Mono.error(EmailProblems::tokenInvalid));
	}

	private static boolean wellFormed(String token) {
		return token != null && SHAPE.matcher(token).matches();
	}

	private record Found(UUID userId, Instant expiresAt) {

	}

}
