package dev.portcullis.ratelimit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.portcullis.ratelimit.SlidingWindow.Counter;
import dev.portcullis.ratelimit.SlidingWindow.Decision;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code redis/sliding-window.lua} against real Redis, with {@code now} injected. */
class SlidingWindowIntegrationTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private static LettuceConnectionFactory connections;

	private static ReactiveStringRedisTemplate redis;

	private static SlidingWindow window;

	private final String tag = "{" + TestInfrastructure.get().redisPrefix() + ":sw:" + UUID.randomUUID() + "}";

	@BeforeAll
	static void connect() {
		URI url = URI.create(TestInfrastructure.get().redisUrl());
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(url.getHost(), url.getPort()));
		connections.afterPropertiesSet();
		connections.start();
		redis = new ReactiveStringRedisTemplate(connections);
		window = new SlidingWindow(redis);
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Test
	void admitsExactlyTheLimitThenRefusesUntilTheOldestLeaves() {
		Counter counter = counter("a", "3/10s");
		assertThat(at(0, counter).quotas().get(0).remaining()).isEqualTo(2);
		assertThat(at(1, counter).quotas().get(0).remaining()).isEqualTo(1);
		Decision third = at(2, counter);
		assertThat(third.allowed()).isTrue();
		assertThat(third.quotas().get(0).remaining()).isZero();
		assertThat(third.quotas().get(0).reset()).isEqualTo(Duration.ofMillis(9_998));

		Decision fourth = at(3, counter);
		assertThat(fourth.allowed()).isFalse();
		assertThat(fourth.retryAfter()).isEqualTo(Duration.ofMillis(9_997));
		assertThat(fourth.quotas().get(0).remaining()).isZero();
		assertThat(size(counter)).as("a refused request is not recorded").isEqualTo(3);
	}

	@Test
	void anEntryCountsUntilExactlyOneWindowHasPassed() {
		Counter counter = counter("edge", "2/1000ms");
		assertThat(at(0, counter).allowed()).isTrue();
		assertThat(at(100, counter).allowed()).isTrue();

		Decision justBefore = at(999, counter);
		assertThat(justBefore.allowed()).isFalse();
		assertThat(justBefore.retryAfter()).isEqualTo(Duration.ofMillis(1));

		Decision atTheEdge = at(1000, counter);
		assertThat(atTheEdge.allowed()).as("the entry of t=0 has left the window at t=1000").isTrue();
		assertThat(atTheEdge.quotas().get(0).remaining()).isZero();
		assertThat(at(1099, counter).allowed()).isFalse();
		assertThat(at(1100, counter).allowed()).isTrue();
	}

	@Test
	void requestsInTheSameMillisecondAreEachCounted() {
		Counter counter = counter("same", "2/1m");
		assertThat(at(5, counter).allowed()).isTrue();
		assertThat(at(5, counter).allowed()).isTrue();
		assertThat(at(5, counter).allowed()).isFalse();
	}

	@Test
	void everyKeyHasATtlOfAtMostItsWindow() {
		Counter ip = counter("ttl-ip", "5/10m");
		Counter account = counter("ttl-account", "5/1m");
		at(0, ip, account);

		Long ipTtl = redis.getExpire(ip.key()).block().toMillis();
		Long accountTtl = redis.getExpire(account.key()).block().toMillis();
		assertThat(ipTtl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10).toMillis());
		assertThat(accountTtl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1).toMillis());
	}

	@Test
	void severalLimitsAreDecidedTogetherAndARefusalConsumesNone() {
		Counter ip = counter("ip", "5/10m");
		Counter account = counter("account", "2/1m");
		Decision first = at(0, ip, account);
		assertThat(first.quotas()).extracting(SlidingWindow.Quota::remaining).containsExactly(4L, 1L);
		assertThat(first.closest().rate()).isEqualTo(Rate.valueOf("2/1m"));
		at(10, ip, account);

		Decision refused = at(20, ip, account);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(60_000 - 20));
		assertThat(size(ip)).as("the per-IP counter is untouched by a request the account limit refused").isEqualTo(2);
		assertThat(refused.quotas()).extracting(SlidingWindow.Quota::remaining).containsExactly(3L, 0L);

		Counter otherAccount = counter("other-account", "2/1m");
		assertThat(at(30, ip, otherAccount).allowed()).as("the same IP with another account").isTrue();
	}

	@Test
	void theRetryAfterIsTheLongestWaitOfTheExhaustedLimits() {
		Counter ip = counter("ip-long", "2/10m");
		Counter account = counter("account-short", "2/1m");
		at(0, ip, account);
		at(1_000, ip, account);
		Decision refused = at(2_000, ip, account);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(10).minusMillis(2_000));
		assertThat(refused.closest().rate()).as("both are at zero; the longer reset is closer to exhaustion")
			.isEqualTo(Rate.valueOf("2/10m"));
	}

	private Decision at(long millis, Counter... counters) {
		return window.evaluate(List.of(counters), T0.plusMillis(millis)).block();
	}

	private Counter counter(String name, String rate) {
		return new Counter(this.tag + ":" + name, Rate.valueOf(rate));
	}

	private static long size(Counter counter) {
		return redis.opsForZSet().size(counter.key()).block();
	}

}
