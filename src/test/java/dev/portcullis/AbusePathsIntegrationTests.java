package dev.portcullis;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Abuse paths that cost the gateway work: {@code /password/change} (an Argon2 hash per
 * guess), failed refreshes (replays that revoke and record) and a flood of sign-ins. One
 * instance of its own, with small limits, its own key prefix and a one-thread hashing
 * pool that lets a hash wait at most 300 ms.
 */
class AbusePathsIntegrationTests {

	private static SecondInstance instance;

	private static AuthClient auth;

	@BeforeAll
	static void start() {
		instance = SecondInstance
			.start(Map.of("portcullis.redis-prefix", TestInfrastructure.get().redisPrefix() + "-failure-limits",
					"portcullis.rate-limit.password-change.per-account", "3/10m",
					"portcullis.rate-limit.refresh-failures.per-ip", "3/10m", "portcullis.password.hashing.threads",
					"1", "portcullis.password.hashing.max-queue-time", "300ms"));
		auth = new AuthClient(instance.http());
	}

	@AfterAll
	static void stop() {
		instance.close();
	}

	@Test
	void passwordChangeIsLimitedPerAccount() {
		JsonNode caller = auth.newSignedInUser();
		String access = caller.get("accessToken").asString();
		Map<String, String> wrong = Map.of("currentPassword", "not my password", "newPassword",
				"another long passphrase 9");
		for (int attempt = 0; attempt < 3; attempt++) {
			expectProblem(auth.post("/v1/auth/password/change", access, wrong), 401, "invalid_credentials");
		}

		expectProblem(auth.post("/v1/auth/password/change", access, wrong), 429, "rate_limited").jsonPath("$.code")
			.isEqualTo("rate_limited");
		auth.post("/v1/auth/password/change", access, wrong).expectHeader().exists("Retry-After");
	}

	@Test
	void failedRefreshesAreLimitedPerAddress() {
		JsonNode live = auth.newSignedInUser();
		for (int attempt = 0; attempt < 3; attempt++) {
			expectProblem(auth.refresh("not-a-refresh-token-" + attempt), 401, "invalid_refresh_token");
		}

		expectProblem(auth.refresh("not-a-refresh-token"), 429, "rate_limited");
		expectProblem(auth.refresh(live.get("refreshToken").asString()), 429, "rate_limited");
		auth.refresh("another").expectHeader().exists("Retry-After");
	}

	@Test
	void aSignInFloodAnswersOnlyInvalidCredentialsOrOverloadedWhileSessionChecksStayFast() {
		String access = auth.newSignedInUser().get("accessToken").asString();
		Mono<List<Integer>> flood = Flux.range(0, 48)
			.flatMap((i) -> Mono.fromCallable(() -> instance.http()
				.post()
				.uri("/v1/auth/sign-in")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", "nobody-" + i + "@example.com", "password", "wrong password " + i))
				.exchange()
				.returnResult(Void.class)
				.getStatus()
				.value()), 24)
			.subscribeOn(Schedulers.boundedElastic())
			.collectList()
			.cache();
		flood.subscribe();
		for (int check = 0; check < 5; check++) {
			long started = System.nanoTime();
			auth.get("/v1/auth/session", access).expectStatus().isOk();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		}
		// every flood request answered: nothing of it is left queued for the next test
		assertThat(flood.block(Duration.ofSeconds(120))).isSubsetOf(401, 503);
	}

}
