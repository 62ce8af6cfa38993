package dev.portcullis.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.portcullis.account.User;
import dev.portcullis.crypto.Tokens;
import dev.portcullis.session.TwoFactorChallenges;

/**
 * Sign-in challenges in {@code mfa_challenges}. The {@code mfaToken} is 256 random bits,
 * stored only as its SHA-256, valid for {@code portcullis.two-factor.challenge-ttl}.
 * Looking one up does not use it: a wrong code leaves it open (the rate limit and the
 * second-factor lockout bound the guesses). It is used up by {@code DELETE … RETURNING}
 * once the code was right, so it completes at most one sign-in.
 */
@Component
class SignInChallenges implements TwoFactorChallenges {

	private static final int TOKEN_LENGTH = 43;

	/** Expired challenges removed per sign-in; enough to keep the table small. */
	private static final int PURGE_BATCH = 100;

	private final DatabaseClient db;

	private final TwoFactorProperties properties;

	private final Clock clock;

	SignInChallenges(DatabaseClient db, TwoFactorProperties properties, Clock clock) {
		this.db = db;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Mono<String> open(User user, boolean rememberMe, boolean bodyDelivery) {
		String token = Tokens.random();
		Instant now = this.clock.instant();
		return purgeExpired(now).then(this.db.sql("insert into mfa_challenges (token_hash, user_id, remember_me, "
				+ "body_delivery, created_at, expires_at) values (:hash, :userId, :rememberMe, :body, :now, :expiresAt)")
			.bind("hash", Tokens.hash(token))
			.bind("userId", user.id())
			.bind("rememberMe", rememberMe)
			.bind("body", bodyDelivery)
			.bind("now", now)
			.bind("expiresAt", now.plus(this.properties.challengeTtl()))
			.then()).thenReturn(token);
	}

	@Override
	public Mono<Void> discardAll(UUID userId) {
		return this.db.sql("delete from mfa_challenges where user_id = :userId").bind("userId", userId).then();
	}

	/**
	 * The open challenge of this token, without using it; empty when unknown, used or
	 * expired.
	 */
	Mono<PendingSignIn> find(String token) {
		if (!isWellFormed(token)) {
			return Mono.empty();
		}
		return this.db
			.sql("select user_id, remember_me, body_delivery from mfa_challenges "
					+ "where token_hash = :hash and expires_at > :now")
			.bind("hash", Tokens.hash(token))
			.bind("now", this.clock.instant())
			.map((row, meta) -> new PendingSignIn(token, row.get("user_id", UUID.class),
					Boolean.TRUE.equals(row.get("remember_me", Boolean.class)),
					Boolean.TRUE.equals(row.get("body_delivery", Boolean.class))))
			.one();
	}

	/** Uses the challenge up; true for exactly one caller, and only before it expires. */
	Mono<Boolean> consume(String token) {
		return this.db
			.sql("delete from mfa_challenges where token_hash = :hash and expires_at > :now returning user_id")
			.bind("hash", Tokens.hash(token))
			.bind("now", this.clock.instant())
			.map((row, meta) -> row.get("user_id", UUID.class))
			.all()
			.hasElements();
	}

	/** Expired rows, a batch at a time; rows another instance is deleting are skipped. */
	private Mono<Void> purgeExpired(Instant now) {
		return this.db
			.sql("delete from mfa_challenges where token_hash in (select token_hash from mfa_challenges "
					+ "where expires_at <= :now limit :limit for update skip locked)")
			.bind("now", now)
			.bind("limit", PURGE_BATCH)
			.then();
	}

	private static boolean isWellFormed(String token) {
		return token != null && token.length() == TOKEN_LENGTH
				&& token.chars().allMatch((c) -> (c < 128 && Character.isLetterOrDigit(c)) || c == '-' || c == '_');
	}

}
