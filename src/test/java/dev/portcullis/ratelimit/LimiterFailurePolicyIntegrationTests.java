package dev.portcullis.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.portcullis.support.ClientInfo;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.ProblemException;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter fails open only when Redis cannot be reached, never because an answer was
 * late: a late answer is what a saturated gateway sees with Redis healthy.
 */
class LimiterFailurePolicyIntegrationTests extends IntegrationTest {

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@Autowired
	private CounterKeys keys;

	@Autowired
	private RedisReachability reachability;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private RateLimiter contextLimiter;

	@Test
	void anAnswerLaterThanTheTimeoutOnALiveConnectionIsRefusedEvenWhenFailingOpen() {
		MockServerWebExchange warmUp = exchange();
		this.contextLimiter.check(RateLimiter.SIGN_IN, warmUp, null).block();
		assertThat(warmUp.getResponse().getHeaders().getFirst("RateLimit-Limit")).as("Redis answers").isNotNull();

		RedisRateLimiter impatient = new RedisRateLimiter(this.redis, this.keys, properties(true, Duration.ofNanos(1)),
				this.reachability, this.meters, this.clock);
		StepVerifier.create(impatient.check(RateLimiter.SIGN_IN, exchange(), "someone@example.com"))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(ProblemException.class);
				assertThat(((ProblemException) ex).code()).isEqualTo("rate_limiter_unavailable");
				assertThat(((ProblemException) ex).status().value()).isEqualTo(503);
			})
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void anUnreachableRedisFollowsTheFailOpenPolicy() {
		ClientResources resources = ClientResources.create();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", TestInfrastructure.freePort()),
				LettuceClientConfiguration.builder().clientResources(resources).build());
		factory.afterPropertiesSet();
		factory.start();
		RedisReachability nowhere = new RedisReachability(resources);
		try {
			ReactiveStringRedisTemplate unreachable = new ReactiveStringRedisTemplate(factory);
			RedisRateLimiter open = new RedisRateLimiter(unreachable, this.keys,
					properties(true, Duration.ofSeconds(2)), nowhere, this.meters, this.clock);
			RedisRateLimiter closed = new RedisRateLimiter(unreachable, this.keys,
					properties(false, Duration.ofSeconds(2)), nowhere, this.meters, this.clock);

			StepVerifier.create(open.check(RateLimiter.SIGN_IN, exchange(), null))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			StepVerifier.create(closed.check(RateLimiter.SIGN_IN, exchange(), null))
				.expectErrorSatisfies(
						(ex) -> assertThat(((ProblemException) ex).code()).isEqualTo("rate_limiter_unavailable"))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			nowhere.destroy();
			factory.destroy();
			resources.shutdown();
		}
	}

	private static RateLimitProperties properties(boolean failOpen, Duration timeout) {
		return new RateLimitProperties(true, failOpen, timeout, null, null, null, null, null, null, null, Map.of());
	}

	private static MockServerWebExchange exchange() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/v1/auth/sign-in").remoteAddress(new InetSocketAddress("127.0.0.1", 1)));
		exchange.getAttributes()
			.put(ClientInfo.ATTRIBUTE, new ClientInfo(RateLimitIntegrationTests.randomIp(), "limiter-test"));
		return exchange;
	}

}
