package dev.portcullis.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Default retention 30d; the fixtures straddle it on both sides. */
class SessionSweeperIntegrationTests extends IntegrationTest {

	private static final int OLD_EXPIRED = 600;

	private static final int OLD_REVOKED = 500;

	private final TestDatabase db = TestDatabase.get();

	@Autowired
	private SessionSweeper sweeper;

	@Test
	void twoSweepersAtOnceDeleteExactlyTheSessionsEndedBeforeTheRetentionAndRecordEachExpiryOnce() {
		Instant now = this.clock.instant();
		UUID user = UUID.fromString(auth().signUp(AuthClient.uniqueEmail()).get("user").get("id").asString());
		UUID expiredLongAgo = insert(user, now.minus(Duration.ofDays(31)), null, 1).get(0);
		insert(user, now.minus(Duration.ofDays(31)), null, OLD_EXPIRED - 1);
		insert(user, now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(31)), OLD_REVOKED);
		UUID expiredRecently = insert(user, now.minus(Duration.ofDays(29)), null, 1).get(0);
		UUID revokedRecently = insert(user, now.plus(Duration.ofDays(1)), now.minus(Duration.ofDays(29)), 1).get(0);
		UUID active = insert(user, now.plus(Duration.ofHours(20)), null, 1).get(0);
		history(expiredLongAgo, now);
		history(active, now);

		Long deleted = Mono
			.zip(this.sweeper.sweep().subscribeOn(Schedulers.parallel()),
					SecondInstance.shared().bean(SessionSweeper.class).sweep().subscribeOn(Schedulers.parallel()),
					Long::sum)
			.block(Duration.ofSeconds(60));

		assertThat(deleted).isEqualTo(OLD_EXPIRED + OLD_REVOKED);
		assertThat(this.db.values(UUID.class, "select id from sessions where user_id = ?", user))
			.containsExactlyInAnyOrder(expiredRecently, revokedRecently, active);
		assertThat(this.db.count("select count(*) from refresh_token_history where session_id = ?", expiredLongAgo))
			.isZero();
		assertThat(this.db.count("select count(*) from refresh_token_history where session_id = ?", active)).isOne();
		assertThat(this.db.values(Instant.class,
				"select created_at from security_events where user_id = ? and type = 'session.expired'", user))
			.hasSize(OLD_EXPIRED + 1)
			.containsOnly(now);
	}

	@Test
	void aSecondSweepFindsNothingMoreToDo() {
		this.sweeper.sweep().block(Duration.ofSeconds(30));
		assertThat(this.sweeper.sweep().block(Duration.ofSeconds(30))).isZero();
	}

	/** {@code count} sessions of the user in one statement; answers their ids. */
	private java.util.List<UUID> insert(UUID user, Instant expiresAt, Instant revokedAt, int count) {
		Instant created = expiresAt.minus(Duration.ofDays(1));
		return this.db.values(UUID.class, """
				insert into sessions (id, user_id, current_token_hash, remember_me, amr, auth_time, created_at,
				  last_active_at, expires_at, extended_at, absolute_expires_at, revoked_at)
				select gen_random_uuid(), ?, sha256(gen_random_uuid()::text::bytea), false, '{pwd}', ?, ?, ?, ?, ?, ?,
				  ?::timestamptz
				  from generate_series(1, ?)
				returning id""", user, created, created, created, expiresAt, created, created.plus(Duration.ofDays(90)),
				revokedAt, count);
	}

	private void history(UUID session, Instant now) {
		this.db.update("insert into refresh_token_history (token_hash, session_id, generation, rotated_at) "
				+ "values (sha256(gen_random_uuid()::text::bytea), ?, 0, ?)", session, now);
	}

}
