package dev.portcullis.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.StreamUtils;

/**
 * Runs {@code redis/sliding-window.lua}: every counter of one request decided in one
 * round trip and atomically, with {@code now} from the caller (the application's clock).
 * The script is sent by its SHA-1 and loaded on first use.
 */
class SlidingWindow {

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> script;

	private final ReactiveStringRedisTemplate redis;

	/**
	 * Reads the script here, at startup: a resource read later would block an event loop.
	 */
	SlidingWindow(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
		try (InputStream source = new ClassPathResource("redis/sliding-window.lua").getInputStream()) {
			this.script = RedisScript.of(StreamUtils.copyToString(source, StandardCharsets.UTF_8), List.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("redis/sliding-window.lua is missing from the classpath", ex);
		}
	}

	/** The counters must share one hash slot (one hash tag) to run on Redis Cluster. */
	Mono<Decision> evaluate(List<Counter> counters, Instant now) {
		return evaluate(counters, now, true);
	}

	/**
	 * With {@code record} false only decides whether every counter has room, and records
	 * nothing.
	 */
	Mono<Decision> evaluate(List<Counter> counters, Instant now, boolean record) {
		List<String> keys = counters.stream().map(Counter::key).toList();
		List<String> args = new ArrayList<>();
		args.add(Long.toString(now.toEpochMilli()));
		args.add(record ? HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) : "");
		for (Counter counter : counters) {
			args.add(Long.toString(counter.rate().limit()));
			args.add(Long.toString(counter.rate().window().toMillis()));
		}
		return this.redis.execute(this.script, keys, args)
			.collectList()
			.map((reply) -> decision(counters, flatten(reply)));
	}

	private static List<?> flatten(List<?> reply) {
		return (reply.size() == 1 && reply.get(0) instanceof List<?> nested) ? nested : reply;
	}

	private static Decision decision(List<Counter> counters, List<?> reply) {
		List<Quota> quotas = new ArrayList<>();
		for (int i = 0; i < counters.size(); i++) {
			quotas.add(new Quota(counters.get(i).rate(), number(reply.get(2 + 2 * i)),
					Duration.ofMillis(number(reply.get(3 + 2 * i)))));
		}
		return new Decision(number(reply.get(0)) == 1, Duration.ofMillis(number(reply.get(1))), quotas);
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : Long.parseLong(String.valueOf(value));
	}

	/** One counter: a Redis key and the rate it enforces. */
	record Counter(String key, Rate rate) {

	}

	/**
	 * @param remaining requests left in the window after this one
	 * @param reset time until the counter next gains room
	 */
	record Quota(Rate rate, long remaining, Duration reset) {

	}

	/**
	 * @param retryAfter when refused, the time until every exhausted counter has room
	 */
	record Decision(boolean allowed, Duration retryAfter, List<Quota> quotas) {

		/**
		 * The contract's "closest to exhaustion": the lowest remaining count, then the
		 * longest reset.
		 */
		Quota closest() {
			Quota closest = null;
			for (Quota quota : this.quotas) {
				if (closest == null || quota.remaining() < closest.remaining()
						|| (quota.remaining() == closest.remaining() && quota.reset().compareTo(closest.reset()) > 0)) {
					closest = quota;
				}
			}
			return closest;
		}

	}

}
