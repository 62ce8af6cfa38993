package dev.portcullis.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.RedisCluster;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateways on a Redis Cluster of three masters
 * ({@code spring.data.redis.cluster.nodes}): the Lua limiter works with its hash-tagged
 * keys and counts across both instances with the contract's limits, and a revocation on
 * one instance reaches the other's status cache through cluster pub/sub. Takes about 20
 * s.
 */
class RedisClusterIntegrationTests {

	private static RedisCluster cluster;

	private static SecondInstance first;

	private static SecondInstance second;

	private static String prefix;

	@BeforeAll
	static void start() {
		cluster = RedisCluster.start();
		prefix = TestInfrastructure.get().redisPrefix() + "-cluster";
		Map<String, String> properties = new HashMap<>();
		properties.put("spring.data.redis.cluster.nodes", cluster.nodes());
		properties.put("portcullis.redis-prefix", prefix);
		properties.put("portcullis.trusted-proxies", "127.0.0.1/32");
		properties.put("portcullis.rate-limit.sign-in.per-account", "10/10m");
		properties.put("portcullis.rate-limit.fail-open", "false");
		properties.put("portcullis.session.status-cache-ttl", "10m");
		first = SecondInstance.start(properties);
		second = SecondInstance.start(properties);
	}

	@AfterAll
	static void stop() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void theSignInLimitIsCountedAcrossInstancesOnTheCluster() {
		Http one = new Http(first.port());
		Http other = new Http(second.port());
		String email = AuthClient.uniqueEmail();
		one.signUp(email).expect(201);
		for (int i = 0; i < 10; i++) {
			Http.Response response = ((i % 2 == 0) ? one : other).signIn(email).expect(200);
			assertThat(response.header("RateLimit-Limit")).isEqualTo("10");
			assertThat(response.header("RateLimit-Remaining")).isEqualTo(Integer.toString(9 - i));
		}
		Http.Response refused = other.signIn(email);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo("rate_limited");
		assertThat(refused.retryAfter()).isNotNull();

		// The per-IP and per-account counters one script call touches share a slot.
		String slot = cluster.cli("cluster", "keyslot", "{" + prefix + ":rl:sign-in}").trim();
		List<String> keys = cluster.members()
			.stream()
			.flatMap((node) -> cluster.cli(node, "--scan", "--pattern", "{" + prefix + ":rl:sign-in}*").lines())
			.filter((key) -> !key.isBlank())
			.toList();
		assertThat(keys).hasSizeGreaterThanOrEqualTo(2)
			.allMatch((key) -> cluster.cli("cluster", "keyslot", key).trim().equals(slot));
	}

	@Test
	void aRevocationOnOneInstanceReachesTheOtherThroughClusterPubSub() {
		Http one = new Http(first.port());
		Http other = new Http(second.port());
		String access = new Chain(one, one.newSession()).access.get();
		other.get("/v1/auth/session", access).expect(200);

		one.post("/v1/auth/sign-out", access).expect(204);
		long signedOut = System.nanoTime();

		// the other instance trusts its cache for ten minutes unless the message arrives
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> "session_revoked".equals(other.get("/v1/auth/session", access).code()));
		System.out.printf("[reliability] Redis Cluster: sign-out on one instance enforced by the other within %d ms%n",
				(System.nanoTime() - signedOut) / 1_000_000);
	}

}
