package dev.portcullis.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.portcullis.reliability.Traffic.Answer;
import dev.portcullis.support.AuthClient;
import dev.portcullis.support.RedisProcess;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static dev.portcullis.reliability.PostgresRestartIntegrationTests.pause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis killed (SIGKILL) and started again under refresh and sign-in load, with a
 * fail-open and a fail-closed instance on a Redis of this test's own. Refresh needs no
 * Redis and keeps answering; sign-in follows each instance's policy; nothing else fails,
 * and only inside the outage window. Takes about 25 s.
 */
class RedisKillIntegrationTests {

	private static final Duration OUTAGE = Duration.ofSeconds(3);

	/** Above the limiter's timeout in tests (2 s), far below anything like a hang. */
	private static final Duration NO_HANG = Duration.ofSeconds(5);

	private static RedisProcess redis;

	private static SecondInstance open;

	private static SecondInstance closed;

	@BeforeAll
	static void start() {
		redis = RedisProcess.start();
		open = SecondInstance.start(properties(true));
		closed = SecondInstance.start(properties(false));
	}

	@AfterAll
	static void stop() {
		if (open != null) {
			open.close();
		}
		if (closed != null) {
			closed.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void refreshKeepsWorkingSignInFollowsThePolicyAndNothingFailsOutsideTheOutage() throws Exception {
		Http openHttp = new Http(open.port());
		Http closedHttp = new Http(closed.port());
		List<Chain> chains = new ArrayList<>();
		for (Http http : List.of(openHttp, openHttp, closedHttp, closedHttp)) {
			chains.add(new Chain(http, http.newSession()));
		}
		String openUser = AuthClient.uniqueEmail();
		openHttp.signUp(openUser).expect(201);
		String closedUser = AuthClient.uniqueEmail();
		closedHttp.signUp(closedUser).expect(201);
		long down;
		long up;
		long recovered;
		try (Traffic traffic = new Traffic(6)) {
			for (int i = 0; i < chains.size(); i++) {
				traffic.repeat((i < 2) ? "open refresh" : "closed refresh", chains.get(i)::refresh);
			}
			traffic.repeat("open sign-in", () -> openHttp.signIn(openUser).result());
			traffic.repeat("closed sign-in", () -> closedHttp.signIn(closedUser).result());
			pause(Duration.ofSeconds(2));

			down = traffic.now();
			redis.kill();
			pause(OUTAGE);
			redis.restart();
			up = traffic.now();

			await().atMost(Duration.ofSeconds(20))
				.until(() -> !traffic
					.answers((answer) -> answer.at() > up && answer.kind().equals("closed sign-in")
							&& answer.status() == 200)
					.isEmpty());
			recovered = traffic
				.answers((answer) -> answer.at() > up && answer.kind().equals("closed sign-in")
						&& answer.status() == 200)
				.stream()
				.mapToLong(Answer::at)
				.min()
				.getAsLong();
			pause(Duration.ofSeconds(2));
			traffic.stop();

			List<Answer> answers = traffic.answers();
			List<Answer> failed = answers.stream().filter(Answer::is5xx).toList();
			List<Answer> duringOutage = answers.stream()
				.filter((answer) -> answer.at() >= down && answer.at() <= up)
				.toList();
			System.out.printf(
					"[reliability] Redis kill: %d requests answered (%d during the %d ms outage), %d 5xx (all closed "
							+ "sign-in 503 rate_limiter_unavailable: %s), fail-closed sign-in back %d ms after restart, "
							+ "longest request %d ms, by outcome %s%n",
					answers.size(), duringOutage.size(), up - down, failed.size(),
					failed.stream().allMatch(RedisKillIntegrationTests::isClosedSignInRefusal), recovered - up,
					Traffic.longest(answers).toMillis(), Traffic.tally(answers));

			assertThat(answers).as("refresh needs no Redis")
				.filteredOn((answer) -> answer.kind().endsWith("refresh"))
				.allMatch((answer) -> answer.status() == 200);
			assertThat(answers).as("fail-open sign-in is answered throughout")
				.filteredOn((answer) -> answer.kind().equals("open sign-in"))
				.allMatch((answer) -> answer.status() == 200);
			assertThat(answers).as("fail-closed sign-in refuses while Redis is away")
				.filteredOn((answer) -> answer.kind().equals("closed sign-in") && answer.at() > down + 500
						&& answer.at() + answer.millis() < up)
				.isNotEmpty()
				.allMatch(RedisKillIntegrationTests::isClosedSignInRefusal);
			assertThat(failed).as("the only failures are fail-closed refusals inside the outage window")
				.allMatch((answer) -> isClosedSignInRefusal(answer) && answer.at() + answer.millis() >= down
						&& answer.at() <= recovered);
			assertThat(Traffic.longest(answers)).as("no request hangs").isLessThan(NO_HANG);
			assertThat(recovered - up).as("fail-closed sign-in recovers, ms").isLessThan(10_000);
		}
	}

	@Test
	void aRevocationPublishedWhileRedisWasDownIsNotTrustedAwayAfterItReconnects() {
		Http openHttp = new Http(open.port());
		Http closedHttp = new Http(closed.port());
		String access = new Chain(openHttp, openHttp.newSession()).access.get();
		openHttp.get("/v1/auth/session", access).expect(200);

		redis.kill();
		try {
			closedHttp.post("/v1/auth/sign-out", access).expect(204);
		}
		finally {
			redis.restart();
		}
		await().atMost(Duration.ofSeconds(15)).until(() -> reconnected(openHttp));

		// The cache entry would be trusted for ten minutes: only a flush on reconnect
		// ends it within seconds.
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "session_revoked".equals(openHttp.get("/v1/auth/session", access).code()));
	}

	/** The limiter answers again, so the instance's Redis connection is back. */
	private static boolean reconnected(Http http) {
		return http.post("/v1/auth/sign-in", Map.of("email", AuthClient.uniqueEmail(), "password", "wrong"))
			.header("RateLimit-Limit") != null;
	}

	private static boolean isClosedSignInRefusal(Answer answer) {
		return answer.kind().equals("closed sign-in") && answer.status() == 503
				&& "rate_limiter_unavailable".equals(answer.code());
	}

	private static Map<String, String> properties(boolean failOpen) {
		Map<String, String> properties = new HashMap<>();
		properties.put("spring.data.redis.url", redis.url());
		properties.put("portcullis.redis-prefix", TestInfrastructure.get().redisPrefix() + "-kill");
		properties.put("portcullis.rate-limit.fail-open", Boolean.toString(failOpen));
		// long enough that only a flush, not expiry, can end a cached "active"
		properties.put("portcullis.session.status-cache-ttl", "10m");
		return properties;
	}

}
