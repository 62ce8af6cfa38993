package dev.portcullis.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;

import dev.portcullis.crypto.Tokens;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 refreshes racing across two instances: {@value #CHAINS} sessions, each refreshed
 * {@value #ROUNDS} times, every time with the same token sent to both instances at once
 * ({@value #PARALLEL_CHAINS} sessions at a time). One of each pair rotates, the other
 * lands in the reuse grace window and gets the same successor. A consistency check over
 * {@code sessions} and {@code refresh_token_history} then proves that every chain has
 * exactly one live token, the one its client holds, and one history row per generation:
 * none forked, none lost. Takes about a minute on two cores.
 */
class RefreshRaceIntegrationTests extends IntegrationTest {

	static final int CHAINS = 50;

	static final int ROUNDS = 100;

	static final int PARALLEL_CHAINS = 16;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static SecondInstance second;

	@Value("${local.server.port}")
	int port;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

	@BeforeAll
	static void secondInstance() {
		second = SecondInstance.shared();
	}

	@Test
	void tenThousandRacingRefreshesLeaveEveryChainWithExactlyOneLiveTokenAndNoForks() throws Exception {
		Http first = new Http(this.port);
		List<String> tokens = new ArrayList<>();
		List<UUID> sessions = new ArrayList<>();
		for (int i = 0; i < CHAINS; i++) {
			JsonNode session = first.newSession();
			tokens.add(session.get("refreshToken").asString());
			sessions.add(UUID.fromString(session.get("session").get("id").asString()));
		}
		String[] finalTokens = new String[CHAINS];
		List<String> forks = new java.util.concurrent.CopyOnWriteArrayList<>();
		long started = System.nanoTime();
		ExecutorService workers = Executors.newFixedThreadPool(PARALLEL_CHAINS);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int i = 0; i < CHAINS; i++) {
				int chain = i;
				runs.add(workers.submit(() -> finalTokens[chain] = race(tokens.get(chain), forks)));
			}
			// A bound, not an expectation: about a minute on an idle two-core machine.
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
			for (Future<?> run : runs) {
				run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		finally {
			workers.shutdownNow();
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		int total = this.outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
		System.out.printf(
				"[reliability] refresh race: %d refreshes across two instances in %d ms (%.0f/s), "
						+ "outcomes %s, forked pairs %d%n",
				total, took.toMillis(), total * 1000.0 / took.toMillis(), new java.util.TreeMap<>(this.outcomes),
				forks.size());

		assertThat(total).isEqualTo(CHAINS * ROUNDS * 2);
		assertThat(this.outcomes.keySet()).as("every refresh answered 200").containsExactly("200");
		assertThat(forks).as("both instances answered each pair with the same successor").isEmpty();
		try (Connection connection = TestInfrastructure.get().connect()) {
			for (int i = 0; i < CHAINS; i++) {
				assertConsistent(connection, sessions.get(i), finalTokens[i]);
			}
			assertThat(count(connection, """
					select count(*) from refresh_token_history h join sessions s
					  on s.current_token_hash = h.token_hash where s.id = any(?)""", sessions))
				.as("no rotated-away token is any chain's live token")
				.isZero();
		}
	}

	/** Runs one chain's rounds; answers the token its client holds at the end. */
	private String race(String token, List<String> forks) {
		String current = token;
		for (int round = 0; round < ROUNDS; round++) {
			CompletableFuture<Answer> one = refresh(this.port, current);
			CompletableFuture<Answer> other = refresh(second.port(), current);
			Answer a = one.join();
			Answer b = other.join();
			if (a.token() != null && b.token() != null && !a.token().equals(b.token())) {
				forks.add(current);
			}
			current = (a.token() != null) ? a.token() : (b.token() != null) ? b.token() : current;
		}
		return current;
	}

	private CompletableFuture<Answer> refresh(int port, String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/auth/refresh"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + token + "\"}"))
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
			String outcome = (error != null) ? "no answer: " + error : Integer.toString(response.statusCode());
			this.outcomes.computeIfAbsent(outcome, (key) -> new AtomicInteger()).incrementAndGet();
			if (error != null || response.statusCode() != 200) {
				return new Answer(null);
			}
			return new Answer(json.readTree(response.body()).get("refreshToken").asString());
		});
	}

	private static void assertConsistent(Connection connection, UUID session, String heldToken) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement("""
				select s.generation, s.current_token_hash, s.revoked_at is null as live,
				       (select count(*) from refresh_token_history h where h.session_id = s.id) as rotations,
				       (select count(distinct h.generation) from refresh_token_history h where h.session_id = s.id)
				         as generations,
				       (select coalesce(max(h.generation), -1) from refresh_token_history h where h.session_id = s.id)
				         as newest
				  from sessions s where s.id = ?""")) {
			statement.setObject(1, session);
			try (ResultSet row = statement.executeQuery()) {
				assertThat(row.next()).isTrue();
				assertThat(row.getBoolean("live")).as("chain %s is not revoked", session).isTrue();
				assertThat(row.getInt("generation")).as("chain %s rotated once per round", session).isEqualTo(ROUNDS);
				assertThat(row.getLong("rotations")).as("one history row per rotation").isEqualTo(ROUNDS);
				assertThat(row.getLong("generations")).as("no generation rotated twice (a fork)").isEqualTo(ROUNDS);
				assertThat(row.getInt("newest")).isEqualTo(ROUNDS - 1);
				assertThat(Arrays.equals(row.getBytes("current_token_hash"), Tokens.hash(heldToken)))
					.as("the live token is the one the client holds (none lost)")
					.isTrue();
			}
		}
	}

	private static long count(Connection connection, String sql, List<UUID> sessions) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setArray(1, connection.createArrayOf("uuid", sessions.toArray()));
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				return row.getLong(1);
			}
		}
	}

	private record Answer(String token) {

	}

}
