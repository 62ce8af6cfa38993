package dev.portcullis.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.Problems;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's lockout, with the defaults (5 failures, 15 minutes). */
class LockoutIntegrationTests extends IntegrationTest {

	private static final String WRONG = "not the password at all";

	@Test
	void fiftyParallelWrongPasswordsGetAtMostFiveInvalidCredentials() throws SQLException {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		// A connection per request: the gateway closes each connection after one request.
		WebClient client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection()))
			.baseUrl(TestInfrastructure.get().issuer())
			.build();

		List<Integer> statuses = Flux.range(0, 50)
			.flatMap((i) -> client.post()
				.uri("/v1/auth/sign-in")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", email, "password", WRONG))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.timeout(Duration.ofSeconds(60)), 50)
			.collectList()
			.block(Duration.ofMinutes(2));

		assertThat(statuses).filteredOn((status) -> status == 401).hasSize(5);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(45);
		assertThat(failedAttempts(email)).isEqualTo(5);
		Problems.expectProblem(signIn(email, AuthClient.PASSWORD), 429, "account_locked");
	}

	@Test
	void theFailureThatReachesTheThresholdStillAnswersInvalidCredentialsThenEvenTheRightPasswordIsRefused() {
		String email = AuthClient.uniqueEmail();
		String userId = auth().signUp(email).get("user").get("id").asString();
		for (int i = 0; i < 5; i++) {
			Problems.expectProblem(signIn(email, WRONG), 401, "invalid_credentials");
		}

		WebTestClient.ResponseSpec locked = signIn(email, AuthClient.PASSWORD);
		locked.expectHeader().value("Retry-After", (value) -> assertThat(Long.parseLong(value)).isBetween(890L, 900L));
		Problems.expectProblem(locked, 429, "account_locked");
		assertThat(eventTypes(userId)).contains("sign_in.failed", "account.locked");
	}

	@Test
	void attemptsWhileLockedDoNotExtendTheLock() throws SQLException {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		lock(email);
		Timestamp until = lockedUntil(email);

		this.clock.advance(Duration.ofMinutes(10));
		WebTestClient.ResponseSpec stillLocked = signIn(email, WRONG);
		stillLocked.expectHeader()
			.value("Retry-After", (value) -> assertThat(Long.parseLong(value)).isBetween(290L, 300L));
		Problems.expectProblem(stillLocked, 429, "account_locked");

		assertThat(lockedUntil(email)).isEqualTo(until);
		assertThat(failedAttempts(email)).isEqualTo(5);
	}

	@Test
	void theLockRunsOutByItselfAndTheUnlockIsRecorded() throws SQLException {
		String email = AuthClient.uniqueEmail();
		String userId = auth().signUp(email).get("user").get("id").asString();
		lock(email);

		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		signIn(email, AuthClient.PASSWORD).expectStatus().isOk();

		assertThat(failedAttempts(email)).isZero();
		assertThat(lockedUntil(email)).isNull();
		assertThat(eventTypes(userId)).contains("account.unlocked");
	}

	@Test
	void afterAnExpiredLockTheCountStartsAgain() throws SQLException {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		lock(email);

		this.clock.advance(Duration.ofMinutes(16));
		Problems.expectProblem(signIn(email, WRONG), 401, "invalid_credentials");
		assertThat(failedAttempts(email)).isEqualTo(1);
		assertThat(lockedUntil(email)).isNull();
	}

	@Test
	void aSuccessResetsTheCount() throws SQLException {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		for (int i = 0; i < 4; i++) {
			Problems.expectProblem(signIn(email, WRONG), 401, "invalid_credentials");
		}
		signIn(email, AuthClient.PASSWORD).expectStatus().isOk();
		assertThat(failedAttempts(email)).isZero();

		for (int i = 0; i < 4; i++) {
			Problems.expectProblem(signIn(email, WRONG), 401, "invalid_credentials");
		}
		signIn(email, AuthClient.PASSWORD).expectStatus().isOk();
	}

	@Test
	void anAdminUnlockLetsTheUserStraightBackIn() throws SQLException {
		String email = AuthClient.uniqueEmail();
		String userId = auth().signUp(email).get("user").get("id").asString();
		lock(email);
		JsonNode admin = signedInAdmin();

		auth().post("/v1/admin/users/" + userId + "/unlock", admin.get("accessToken").asString(), Map.of())
			.expectStatus()
			.isOk();

		signIn(email, AuthClient.PASSWORD).expectStatus().isOk();
		assertThat(eventTypes(userId)).contains("account.locked", "account.unlocked");
	}

	@Test
	void anUnknownEmailIsNeverLockedAndAnswersLikeAWrongPassword() {
		String email = AuthClient.uniqueEmail();
		for (int i = 0; i < 7; i++) {
			Problems.expectProblem(signIn(email, WRONG), 401, "invalid_credentials");
		}
	}

	private void lock(String email) {
		for (int i = 0; i < 5; i++) {
			Problems.expectProblem(signIn(email, WRONG), 401, "invalid_credentials");
		}
		Problems.expectProblem(signIn(email, AuthClient.PASSWORD), 429, "account_locked");
	}

	private WebTestClient.ResponseSpec signIn(String email, String password) {
		return this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "tokenDelivery", "body"))
			.exchange();
	}

	private JsonNode signedInAdmin() throws SQLException {
		String email = AuthClient.uniqueEmail();
		String id = auth().signUp(email).get("user").get("id").asString();
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement update = db
					.prepareStatement("update users set roles = '{user,admin}' where id = ?")) {
			update.setObject(1, UUID.fromString(id));
			update.executeUpdate();
		}
		return auth().signIn(email);
	}

	private static int failedAttempts(String email) throws SQLException {
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement read = db.prepareStatement("select failed_attempts from users where email = ?")) {
			read.setString(1, email);
			ResultSet row = read.executeQuery();
			row.next();
			return row.getInt(1);
		}
	}

	private static Timestamp lockedUntil(String email) throws SQLException {
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement read = db.prepareStatement("select locked_until from users where email = ?")) {
			read.setString(1, email);
			ResultSet row = read.executeQuery();
			row.next();
			return row.getTimestamp(1);
		}
	}

	private static List<String> eventTypes(String userId) {
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement read = db.prepareStatement("select type from security_events where user_id = ?")) {
			read.setObject(1, UUID.fromString(userId));
			ResultSet rows = read.executeQuery();
			List<String> types = new java.util.ArrayList<>();
			while (rows.next()) {
				types.add(rows.getString(1));
			}
			return types;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
