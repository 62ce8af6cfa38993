package dev.portcullis.account;

import java.time.Duration;
import java.time.Instant;
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
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.Problems;
import dev.portcullis.support.TestDatabase;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's lockout, with the defaults (5 failures, 15 minutes). */
class LockoutIntegrationTests extends IntegrationTest {

	private static final String WRONG = "not the password at all";

	@Test
	void fiftyParallelWrongPasswordsGetAtMostFiveInvalidCredentials() {
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
		locked.expectHeader().valueEquals("Retry-After", "900");
		Problems.expectProblem(locked, 429, "account_locked");
		assertThat(eventTypes(userId)).contains("sign_in.failed", "account.locked");
	}

	@Test
	void attemptsWhileLockedDoNotExtendTheLock() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		lock(email);
		Instant until = lockedUntil(email);
		assertThat(until).isEqualTo(MutableClock.START.plus(Duration.ofMinutes(15)));

		this.clock.advance(Duration.ofMinutes(10));
		WebTestClient.ResponseSpec stillLocked = signIn(email, WRONG);
		stillLocked.expectHeader().valueEquals("Retry-After", "300");
		Problems.expectProblem(stillLocked, 429, "account_locked");

		assertThat(lockedUntil(email)).isEqualTo(until);
		assertThat(failedAttempts(email)).isEqualTo(5);
	}

	@Test
	void theLockRunsOutByItselfAndTheUnlockIsRecorded() {
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
	void afterAnExpiredLockTheCountStartsAgain() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		lock(email);

		this.clock.advance(Duration.ofMinutes(16));
		Problems.expectProblem(signIn(email, WRONG), 401, "invalid_credentials");
		assertThat(failedAttempts(email)).isEqualTo(1);
		assertThat(lockedUntil(email)).isNull();
	}

	@Test
	void aSuccessResetsTheCount() {
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
	void anAdminUnlockLetsTheUserStraightBackIn() {
		String email = AuthClient.uniqueEmail();
		String userId = auth().signUp(email).get("user").get("id").asString();
		lock(email);
		JsonNode admin = auth().newSignedInAdmin();

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

	private static int failedAttempts(String email) {
		return TestDatabase.get().value(Integer.class, "select failed_attempts from users where email = ?", email);
	}

	private static Instant lockedUntil(String email) {
		return TestDatabase.get().value(Instant.class, "select locked_until from users where email = ?", email);
	}

	private static List<String> eventTypes(String userId) {
		return TestDatabase.get()
			.values(String.class, "select type from security_events where user_id = ? order by created_at, id",
					UUID.fromString(userId));
	}

}
