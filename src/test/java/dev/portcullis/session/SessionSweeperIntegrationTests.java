package dev.portcullis.session;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** Default retention 30d; the fixtures straddle it on both sides. */
class SessionSweeperIntegrationTests extends IntegrationTest {

	private static final int OLD_EXPIRED = 600;

	private static final int OLD_REVOKED = 500;

	private static final SecureRandom RANDOM = new SecureRandom();

	@Autowired
	private SessionSweeper sweeper;

	@Test
	void twoSweepersAtOnceDeleteExactlyTheSessionsEndedBeforeTheRetentionAndRecordEachExpiryOnce() throws SQLException {
		Instant now = Instant.now();
		UUID user = UUID.fromString(auth().signUp(AuthClient.uniqueEmail()).get("user").get("id").asString());
		UUID expiredLongAgo;
		UUID expiredRecently;
		UUID revokedRecently;
		UUID active;
		try (Connection db = TestInfrastructure.get().connect()) {
			db.setAutoCommit(false);
			expiredLongAgo = insert(db, user, now.minus(Duration.ofDays(31)), null);
			for (int i = 1; i < OLD_EXPIRED; i++) {
				insert(db, user, now.minus(Duration.ofDays(31)), null);
			}
			for (int i = 0; i < OLD_REVOKED; i++) {
				insert(db, user, now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(31)));
			}
			expiredRecently = insert(db, user, now.minus(Duration.ofDays(29)), null);
			revokedRecently = insert(db, user, now.plus(Duration.ofDays(1)), now.minus(Duration.ofDays(29)));
			active = insert(db, user, now.plus(Duration.ofHours(20)), null);
			history(db, expiredLongAgo);
			history(db, active);
			db.commit();
		}

		try (SecondInstance other = SecondInstance.start(Map.of())) {
			Long deleted = Mono
				.zip(this.sweeper.sweep().subscribeOn(Schedulers.parallel()),
						other.bean(SessionSweeper.class).sweep().subscribeOn(Schedulers.parallel()), Long::sum)
				.block(Duration.ofSeconds(60));

			assertThat(deleted).isEqualTo(OLD_EXPIRED + OLD_REVOKED);
		}
		assertThat(count("select count(*) from sessions where user_id = ?", user)).isEqualTo(3);
		assertThat(exists(expiredRecently)).isTrue();
		assertThat(exists(revokedRecently)).isTrue();
		assertThat(exists(active)).isTrue();
		assertThat(count("select count(*) from refresh_token_history where session_id = ?", expiredLongAgo)).isZero();
		assertThat(count("select count(*) from refresh_token_history where session_id = ?", active)).isOne();
		assertThat(count("select count(*) from security_events where user_id = ? and type = 'session.expired'", user))
			.isEqualTo(OLD_EXPIRED + 1);
	}

	@Test
	void aSecondSweepFindsNothingMoreToDo() {
		this.sweeper.sweep().block(Duration.ofSeconds(30));
		assertThat(this.sweeper.sweep().block(Duration.ofSeconds(30))).isZero();
	}

	private static UUID insert(Connection db, UUID user, Instant expiresAt, Instant revokedAt) throws SQLException {
		UUID id = UUID.randomUUID();
		Instant created = expiresAt.minus(Duration.ofDays(1));
		try (PreparedStatement insert = db.prepareStatement("""
				insert into sessions (id, user_id, current_token_hash, remember_me, amr, auth_time, created_at,
				  last_active_at, expires_at, extended_at, absolute_expires_at, revoked_at)
				values (?, ?, ?, false, '{pwd}', ?, ?, ?, ?, ?, ?, ?)""")) {
			insert.setObject(1, id);
			insert.setObject(2, user);
			insert.setBytes(3, randomHash());
			for (int i = 4; i <= 6; i++) {
				insert.setTimestamp(i, Timestamp.from(created));
			}
			insert.setTimestamp(7, Timestamp.from(expiresAt));
			insert.setTimestamp(8, Timestamp.from(created));
			insert.setTimestamp(9, Timestamp.from(created.plus(Duration.ofDays(90))));
			insert.setTimestamp(10, (revokedAt != null) ? Timestamp.from(revokedAt) : null);
			insert.executeUpdate();
		}
		return id;
	}

	private static void history(Connection db, UUID session) throws SQLException {
		try (PreparedStatement insert = db.prepareStatement(
				"insert into refresh_token_history (token_hash, session_id, generation, rotated_at) values (?, ?, 0, now())")) {
			insert.setBytes(1, randomHash());
			insert.setObject(2, session);
			insert.executeUpdate();
		}
	}

	private static byte[] randomHash() {
		byte[] hash = new byte[32];
		RANDOM.nextBytes(hash);
		return hash;
	}

	private static boolean exists(UUID session) throws SQLException {
		return count("select count(*) from sessions where id = ?", session) == 1;
	}

	private static long count(String sql, UUID id) throws SQLException {
		try (Connection db = TestInfrastructure.get().connect(); PreparedStatement query = db.prepareStatement(sql)) {
			query.setObject(1, id);
			try (ResultSet row = query.executeQuery()) {
				row.next();
				return row.getLong(1);
			}
		}
	}

}
