package dev.portcullis.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A master-key rotation end to end, on a database of its own: values sealed the old way
 * (format v1) and under the old key move to the new key, nothing is lost, a removed key
 * is refused at start-up while values still need it and accepted once they no longer do,
 * and what HMAC secrets key (refresh successors, limiter counters) does not change.
 */
class MasterKeyRotationIntegrationTests {

	static final String DATABASE = "keyrotation";

	static final String OLD_KEY = randomKey();

	static final String NEW_KEY = randomKey();

	static final String OLD_ID = MasterKeys.fingerprint(Base64.getDecoder().decode(OLD_KEY));

	static final SealedColumn TOTP = new SealedColumn("two_factor_secrets", "secret", "user_id", "uuid", "totp-secret");

	static final SealedColumn MAIL = new SealedColumn("email_outbox", "body", "id", "uuid", "email_outbox.body");

	static final SealedColumn SIGNING = new SealedColumn("signing_keys", "private_jwk", "generation", "integer",
			"signing-key");

	static final List<SealedColumn> COLUMNS = List.of(TOTP, MAIL, SIGNING, HmacKeys.COLUMN);

	final Map<String, String> database = TestInfrastructure.get().separateDatabase(DATABASE);

	@Test
	void rotationReSealsEveryValueKeepsSuccessorsAndCountersAndFreesTheOldKey() throws SQLException {
		String email = AuthClient.uniqueEmail();
		String attacked = AuthClient.uniqueEmail();
		UUID userId;
		String parent;
		String successor;
		UUID mailId = UUID.randomUUID();
		byte[] totpSecret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
		try (SecondInstance old = start(Map.of("portcullis.encryption.key", OLD_KEY))) {
			AuthClient auth = new AuthClient(old.http());
			userId = UUID.fromString(auth.signUp(email).get("user").get("id").asString());
			parent = auth.signIn(email).get("refreshToken").asString();
			successor = auth.refreshed(parent).get("refreshToken").asString();
			failSignIn(old, attacked, 401);
			failSignIn(old, attacked, 401);

			// Values as the version before keyrings stored them.
			storeLegacyValues(old, userId, totpSecret, mailId);
			assertThat(read(TOTP)).allMatch((value) -> value.startsWith("v1:" + OLD_ID + ":"));

			// The key alone re-seals them in the current format, its fingerprint as the
			// id.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				old.bean(Resealer.class).reseal().block(Duration.ofSeconds(20));
				assertThat(COLUMNS).allSatisfy((column) -> assertThat(read(column)).isNotEmpty()
					.allMatch((value) -> value.startsWith("v2:" + OLD_ID + ":")));
			});
			assertThat(old.bean(SecretBox.class).open(TOTP, userId, read(TOTP).get(0))).isEqualTo(totpSecret);
		}

		// Without the old key, nothing starts while values need it.
		assertThatException()
			.isThrownBy(() -> start(Map.of("portcullis.encryption.keys.new", NEW_KEY, "portcullis.encryption.active",
					"new", "portcullis.encryption.key", "")))
			.satisfies((ex) -> assertThat(rootCause(ex)).hasMessageContaining("master key " + OLD_ID)
				.hasMessageContaining("two_factor_secrets.secret")
				.hasMessageContaining("signing_keys.private_jwk")
				.hasMessageContaining("Put each such key back into the ring"));

		try (SecondInstance rotated = start(
				Map.of("portcullis.encryption.keys.old", OLD_KEY, "portcullis.encryption.keys.new", NEW_KEY,
						"portcullis.encryption.active", "new", "portcullis.encryption.key", ""))) {
			// The grace window survives the rotation: the same parent, the same
			// successor.
			JsonNode again = new AuthClient(rotated.http()).refreshed(parent);
			assertThat(again.get("refreshToken").asString()).isEqualTo(successor);
			// The counters count on: two attempts before the rotation, a third allowed,
			// the fourth over the limit of three.
			failSignIn(rotated, attacked, 401);
			failSignIn(rotated, attacked, 429);

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				rotated.bean(Resealer.class).reseal().block(Duration.ofSeconds(20));
				assertThat(COLUMNS).allSatisfy((column) -> assertThat(read(column)).isNotEmpty()
					.allMatch((value) -> value.startsWith("v2:new:")));
			});
			MeterRegistry meters = rotated.bean(MeterRegistry.class);
			for (SealedColumn column : COLUMNS) {
				assertThat(rows(meters, "old", column)).isZero();
				assertThat(rows(meters, "new", column)).isEqualTo(read(column).size());
			}
			SecretBox box = rotated.bean(SecretBox.class);
			assertThat(box.open(TOTP, userId, read(TOTP).get(0))).isEqualTo(totpSecret);
			assertThat(new String(box.open(MAIL, mailId, readMail(mailId)), StandardCharsets.UTF_8))
				.isEqualTo("from.text.html");
		}

		// Nothing needs the old key any more: it leaves the ring, and all still works.
		try (SecondInstance withoutOld = start(Map.of("portcullis.encryption.keys.new", NEW_KEY,
				"portcullis.encryption.active", "new", "portcullis.encryption.key", ""))) {
			AuthClient auth = new AuthClient(withoutOld.http());
			auth.refreshed(successor);
			auth.get("/v1/auth/sessions", auth.signIn(email).get("accessToken").asString()).expectStatus().isOk();
		}
	}

	private SecondInstance start(Map<String, String> keys) {
		Map<String, String> properties = new HashMap<>(this.database);
		properties.put("portcullis.refresh.reuse-grace", "10m");
		properties.put("portcullis.rate-limit.sign-in.per-account", "3/10m");
		properties.put("portcullis.encryption.reseal.interval", "1h");
		properties.putAll(keys);
		return SecondInstance.start(properties);
	}

	private static void failSignIn(SecondInstance instance, String email, int status) {
		instance.http()
			.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", "wrong password", "tokenDelivery", "body"))
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

	/**
	 * A pending TOTP secret, a queued mail and the signing key as the version before
	 * keyrings sealed them.
	 */
	private void storeLegacyValues(SecondInstance old, UUID userId, byte[] totpSecret, UUID mailId)
			throws SQLException {
		SecretBox box = old.bean(SecretBox.class);
		try (Connection db = connect()) {
			try (PreparedStatement insert = db.prepareStatement(
					"insert into two_factor_secrets (user_id, secret, created_at) values (?, ?, now())")) {
				insert.setObject(1, userId);
				insert.setString(2, LegacySeal.seal(OLD_KEY, "totp-secret", totpSecret));
				insert.executeUpdate();
			}
			try (PreparedStatement insert = db
				.prepareStatement("insert into email_outbox (id, message_id, recipient, subject, template, body, "
						+ "created_at, next_attempt_at) values (?, ?, 'a@example.com', 's', 't', ?, now(), ?)")) {
				insert.setObject(1, mailId);
				insert.setString(2, "<" + mailId + "@example.com>");
				insert.setString(3, LegacySeal.seal(OLD_KEY, "email_outbox.body",
						"from.text.html".getBytes(StandardCharsets.UTF_8)));
				// never due while the test runs
				insert.setTimestamp(4, Timestamp.from(Instant.parse("2100-01-01T00:00:00Z")));
				insert.executeUpdate();
			}
			try (PreparedStatement select = db
				.prepareStatement("select generation, private_jwk from signing_keys order by generation");
					ResultSet rows = select.executeQuery();
					PreparedStatement update = db
						.prepareStatement("update signing_keys set private_jwk = ? where generation = ?")) {
				while (rows.next()) {
					byte[] jwk = box.open(SIGNING, rows.getInt(1), rows.getString(2));
					update.setString(1, LegacySeal.seal(OLD_KEY, "signing-key", jwk));
					update.setInt(2, rows.getInt(1));
					update.executeUpdate();
				}
			}
		}
	}

	private List<String> read(SealedColumn column) throws SQLException {
		try (Connection db = connect();
				PreparedStatement select = db.prepareStatement("select " + column.column() + " from " + column.table()
						+ " where " + column.column() + " is not null");
				ResultSet rows = select.executeQuery()) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
	}

	private String readMail(UUID id) throws SQLException {
		try (Connection db = connect();
				PreparedStatement select = db.prepareStatement("select body from email_outbox where id = ?")) {
			select.setObject(1, id);
			try (ResultSet rows = select.executeQuery()) {
				rows.next();
				return rows.getString(1);
			}
		}
	}

	private static double rows(MeterRegistry meters, String keyId, SealedColumn column) {
		Gauge gauge = meters.find("portcullis.encryption.sealed.rows")
			.tags("key_id", keyId, "column", column.name())
			.gauge();
		assertThat(gauge).as("gauge of %s under %s", column.name(), keyId).isNotNull();
		return gauge.value();
	}

	private static Connection connect() throws SQLException {
		return TestInfrastructure.get().connect(DATABASE);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
