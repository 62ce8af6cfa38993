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
import dev.portcullis.support.PostgresProcess;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL restarted under a running gateway: a cluster of this test's own (never the
 * shared server) is stopped for a few seconds while refreshes and session checks keep
 * coming. Requests in the gap answer {@code 503 service_unavailable} within the pool's
 * acquire timeout, none hangs, and the same gateway serves again once the database is
 * back. Takes about 20 s.
 */
class PostgresRestartIntegrationTests {

	private static final Duration OUTAGE = Duration.ofSeconds(4);

	/** The pool's acquire timeout (5 s) plus a margin for a loaded machine. */
	private static final Duration NO_HANG = Duration.ofSeconds(9);

	private static PostgresProcess postgres;

	private static SecondInstance gateway;

	private static Http http;

	@BeforeAll
	static void start() {
		postgres = PostgresProcess.start();
		Map<String, String> properties = new HashMap<>(postgres.properties());
		properties.put("portcullis.redis-prefix", TestInfrastructure.get().redisPrefix() + "-pg-restart");
		gateway = SecondInstance.start(properties);
		http = new Http(gateway.port());
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void requestsInTheGapAnswer503WithoutHangingAndThePoolRecoversWithoutARestart() throws Exception {
		List<Chain> chains = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			chains.add(new Chain(http, http.newSession()));
		}
		long down;
		long up;
		long recovered;
		try (Traffic traffic = new Traffic(6)) {
			chains.forEach((chain) -> traffic.repeat("refresh", chain::refresh));
			traffic.repeat("session", () -> http.get("/v1/auth/session", chains.get(0).access.get()).result());
			traffic.repeat("session", () -> http.get("/v1/auth/session", chains.get(1).access.get()).result());
			pause(Duration.ofSeconds(2));

			down = traffic.now();
			postgres.stop();
			pause(OUTAGE);
			postgres.restart();
			up = traffic.now();

			await().atMost(Duration.ofSeconds(30))
				.until(() -> !traffic
					.answers((answer) -> answer.at() > up && answer.status() == 200 && answer.kind().equals("refresh"))
					.isEmpty());
			recovered = traffic.answers((answer) -> answer.at() > up && answer.status() == 200)
				.stream()
				.mapToLong((answer) -> answer.at() + answer.millis())
				.min()
				.getAsLong();
			pause(Duration.ofSeconds(2));
			traffic.stop();

			List<Answer> answers = traffic.answers();
			List<Answer> failed = answers.stream().filter((answer) -> answer.status() != 200).toList();
			System.out.printf(
					"[reliability] PostgreSQL restart: %d requests answered, %d 5xx (all 503 service_unavailable: %s), "
							+ "database down %d ms, first success %d ms after restart, longest request %d ms, by outcome %s%n",
					answers.size(), failed.size(), failed.stream().allMatch(this::isServiceUnavailable), up - down,
					recovered - up, Traffic.longest(answers).toMillis(), Traffic.tally(answers));

			assertThat(failed).as("failures are 503 service_unavailable with Retry-After")
				.allMatch(this::isServiceUnavailable);
			assertThat(failed).as("failures only while the database was away")
				.allMatch((answer) -> answer.at() + answer.millis() >= down && answer.at() <= recovered);
			assertThat(Traffic.longest(answers)).as("no request hangs past the pool's timeout").isLessThan(NO_HANG);
			assertThat(answers).as("requests after the recovery all succeed")
				.filteredOn((answer) -> answer.at() > recovered + 500)
				.isNotEmpty()
				.allMatch((answer) -> answer.status() == 200);
			assertThat(recovered - up).as("recovery after the restart, ms").isLessThan(10_000);
		}
		for (Chain chain : chains) {
			assertThat(chain.refresh().status()).as("every chain survived the outage").isEqualTo(200);
		}
	}

	private boolean isServiceUnavailable(Answer answer) {
		return answer.status() == 503 && "service_unavailable".equals(answer.code());
	}

	static void pause(Duration duration) {
		await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
	}

}
