package dev.portcullis.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.ContractLimits;
import dev.portcullis.support.Problems;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away under a running gateway: a Redis this test starts on its own port,
 * stops and starts again, with one fail-open and one fail-closed instance on it.
 */
class RedisOutageIntegrationTests {

	/**
	 * Above the limiter's timeout in tests (2s), far below anything that looks like a
	 * hang.
	 */
	private static final Duration BOUND = Duration.ofSeconds(5);

	private static int port;

	private static Process redis;

	private static SecondInstance open;

	private static SecondInstance closed;

	@BeforeAll
	static void start() throws Exception {
		port = TestInfrastructure.freePort();
		startRedis();
		open = SecondInstance.start(properties(true));
		closed = SecondInstance.start(properties(false));
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (open != null) {
			open.close();
		}
		if (closed != null) {
			closed.close();
		}
		stopRedis();
	}

	@Test
	void thePolicyHoldsWhileRedisIsDownNothingHangsAndLimitingResumesWhenItIsBack() throws Exception {
		probe(open, RateLimitIntegrationTests.randomIp()).expectStatus()
			.isOk()
			.expectHeader()
			.exists("RateLimit-Limit");
		probe(closed, RateLimitIntegrationTests.randomIp()).expectStatus().isOk();

		stopRedis();

		String ip = RateLimitIntegrationTests.randomIp();
		for (int i = 0; i < 5; i++) {
			WebTestClient.ResponseSpec allowed = timed(() -> probe(open, ip));
			allowed.expectStatus().isOk().expectHeader().doesNotExist("RateLimit-Limit");
		}
		WebTestClient.ResponseSpec refused = timed(() -> probe(closed, ip));
		refused.expectHeader().exists("Retry-After");
		Problems.expectProblem(refused, 503, "rate_limiter_unavailable");
		timed(() -> open.management().get().uri("/actuator/health").exchange()).expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DOWN");
		// Not a reason to take the instance out of rotation: the limiter policy decides.
		timed(() -> open.management().get().uri("/actuator/health/readiness").exchange()).expectStatus().isOk();
		timed(() -> closed.management().get().uri("/actuator/health/readiness").exchange()).expectStatus().isOk();
		assertThat(open.bean(MeterRegistry.class)
			.counter("portcullis.rate-limit.unavailable", "limit", "probe", "policy", "open")
			.count()).isGreaterThanOrEqualTo(5);

		startRedis();

		String fresh = RateLimitIntegrationTests.randomIp();
		eventually(() -> status(probe(closed, RateLimitIntegrationTests.randomIp())) == 200);
		eventually(() -> probe(open, RateLimitIntegrationTests.randomIp()).returnResult(Void.class)
			.getResponseHeaders()
			.containsHeader("RateLimit-Limit"));
		for (int i = 0; i < 3; i++) {
			probe(open, fresh).expectStatus().isOk();
		}
		Problems.expectProblem(probe(open, fresh), 429, "rate_limited");
		eventually(() -> status(open.management().get().uri("/actuator/health").exchange()) == 200);
	}

	private static Map<String, String> properties(boolean failOpen) {
		Map<String, String> properties = new HashMap<>(
				ContractLimits.properties(TestInfrastructure.get().redisPrefix() + "-outage"));
		properties.put("spring.data.redis.url", "redis://127.0.0.1:" + port);
		properties.put("portcullis.rate-limit.fail-open", Boolean.toString(failOpen));
		return properties;
	}

	private static WebTestClient.ResponseSpec probe(SecondInstance instance, String ip) {
		return instance.http().get().uri("/v1/auth/csrf").header("X-Forwarded-For", ip).exchange();
	}

	private static int status(WebTestClient.ResponseSpec response) {
		EntityExchangeResult<byte[]> result = response.expectBody().returnResult();
		return result.getStatus().value();
	}

	private static WebTestClient.ResponseSpec timed(java.util.function.Supplier<WebTestClient.ResponseSpec> call) {
		long started = System.nanoTime();
		WebTestClient.ResponseSpec response = call.get();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
		return response;
	}

	private static void eventually(BooleanSupplier condition) {
		await("recovered within 20 s").atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(condition::getAsBoolean);
	}

	private static void startRedis() throws IOException {
		redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save",
				"", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		await("redis-server answered within 10 s").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				assertThat(redis.isAlive()).as("redis-server on port %d is running", port).isTrue();
				return pong();
			});
	}

	private static void stopRedis() throws InterruptedException {
		if (redis != null && redis.isAlive()) {
			redis.destroy();
			if (!redis.waitFor(10, TimeUnit.SECONDS)) {
				redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private static boolean pong() {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.read(reply);
			return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
