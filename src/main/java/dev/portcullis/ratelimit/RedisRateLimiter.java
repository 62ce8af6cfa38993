package dev.portcullis.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.ratelimit.RateLimitProperties.Limit;
import dev.portcullis.ratelimit.SlidingWindow.Counter;
import dev.portcullis.ratelimit.SlidingWindow.Decision;
import dev.portcullis.ratelimit.SlidingWindow.Quota;
import dev.portcullis.crypto.Hmac;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.support.ProblemException;

/**
 * The limiter behind every {@link RateLimiter#check}: one script call in Redis per
 * request decides the per-IP and per-account counters together (see
 * {@code redis/sliding-window.lua}).
 * <p>
 * When Redis is unreachable ({@link RedisReachability}: no live connection, refused or
 * reset), {@code fail-open} decides: allow, or refuse with
 * {@code 503 rate_limiter_unavailable}. Any other failure, above all an answer that did
 * not arrive within {@code portcullis.rate-limit.timeout} on a live connection, refuses
 * with {@code 503} whatever {@code fail-open} says: under load the gateway's own slowness
 * must shed requests, never switch the sign-in limits off. Either way a warning is logged
 * (at most every ten seconds) and {@code portcullis.rate-limit.unavailable} is counted;
 * the next request tries Redis again, so limiting resumes by itself when Redis is back.
 * Whenever Redis answers, the {@code RateLimit-*} headers are written.
 */
@Component
class RedisRateLimiter implements RateLimiter {

	private static final Logger logger = LoggerFactory.getLogger(RedisRateLimiter.class);

	private static final long WARN_INTERVAL_MILLIS = 10_000;

	private final SlidingWindow window;

	private final CounterKeys keys;

	private final RateLimitProperties properties;

	private final Map<String, Limit> limits;

	private final MeterRegistry meters;

	private final Clock clock;

	private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE / 2);

	private final RedisReachability reachability;

	RedisRateLimiter(ReactiveStringRedisTemplate redis, CounterKeys keys, RateLimitProperties properties,
			RedisReachability reachability, MeterRegistry meters, Clock clock) {
		this.window = new SlidingWindow(redis);
		this.reachability = reachability;
		this.keys = keys;
		this.properties = properties;
		this.limits = limits(properties);
		this.meters = meters;
		this.clock = clock;
	}

	@Override
	public Mono<Void> check(String limit, ServerWebExchange exchange, @Nullable String account) {
		Limit configured = this.limits.get(limit);
		if (configured == null) {
			return Mono.error(new IllegalArgumentException("No rate limit is named " + limit));
		}
		if (!this.properties.enabled()) {
			return Mono.empty();
		}
		boolean perAccount = configured.perAccount() != null && account != null && !account.isBlank();
		if (configured.perIp() == null && !perAccount) {
			return Mono.empty();
		}
		return decide(limit, exchange, (hmac) -> {
			List<Counter> counters = new ArrayList<>(2);
			if (configured.perIp() != null) {
				counters.add(new Counter(this.keys.ip(hmac, limit, ClientInfo.of(exchange).ipAddress()),
						configured.perIp()));
			}
			if (perAccount) {
				counters.add(new Counter(this.keys.account(hmac, limit, account), configured.perAccount()));
			}
			return counters;
		});
	}

	@Override
	public Mono<Void> check(String limit, Rate rate, ServerWebExchange exchange, @Nullable String account) {
		if (!this.properties.enabled()) {
			return Mono.empty();
		}
		return decide(limit, exchange,
				(hmac) -> List.of((account != null && !account.isBlank())
						? new Counter(this.keys.account(hmac, limit, account), rate)
						: new Counter(this.keys.ip(hmac, limit, ClientInfo.of(exchange).ipAddress()), rate)));
	}

	private Mono<Void> decide(String limit, ServerWebExchange exchange, Function<Hmac, List<Counter>> counters) {
		return this.keys.hmac()
			.flatMap((hmac) -> evaluate(limit, counters.apply(hmac)))
			.timeout(this.properties.timeout())
			.onErrorResume((ex) -> unavailable(limit, ex))
			.flatMap((decision) -> apply(limit, decision, exchange));
	}

	@Override
	public Mono<Void> checkFailures(String limit, ServerWebExchange exchange) {
		return failureCounter(limit, exchange)
			.flatMap((counter) -> this.window.evaluate(List.of(counter), this.clock.instant(), false)
				.timeout(this.properties.timeout())
				.onErrorResume((ex) -> Mono.empty())
				.flatMap((decision) -> decision.allowed() ? Mono.empty() : apply(limit, decision, exchange)));
	}

	@Override
	public Mono<Void> recordFailure(String limit, ServerWebExchange exchange) {
		return failureCounter(limit, exchange)
			.flatMap((counter) -> this.window.evaluate(List.of(counter), this.clock.instant(), true)
				.timeout(this.properties.timeout())
				.then()
				.onErrorResume((ex) -> Mono.empty()));
	}

	private Mono<Counter> failureCounter(String limit, ServerWebExchange exchange) {
		Limit configured = this.limits.get(limit);
		if (configured == null) {
			return Mono.error(new IllegalArgumentException("No rate limit is named " + limit));
		}
		if (!this.properties.enabled() || configured.perIp() == null) {
			return Mono.empty();
		}
		return this.keys.hmac()
			.map((hmac) -> new Counter(this.keys.ip(hmac, limit, ClientInfo.of(exchange).ipAddress()),
					configured.perIp()));
	}

	/**
	 * Timed as {@code portcullis.rate-limit.latency}: the limiter's cost per request,
	 * Redis round trip included.
	 */
	private Mono<Decision> evaluate(String limit, List<Counter> counters) {
		Timer.Sample sample = Timer.start(this.meters);
		return this.window.evaluate(counters, this.clock.instant())
			.doOnSuccess((decision) -> sample.stop(this.meters.timer("portcullis.rate-limit.latency", "limit", limit)));
	}

	private Mono<Void> apply(String limit, Decision decision, ServerWebExchange exchange) {
		HttpHeaders headers = rateLimitHeaders(decision.closest());
		exchange.getResponse().getHeaders().putAll(headers);
		if (decision.allowed()) {
			decided(limit, "allowed");
			return Mono.empty();
		}
		decided(limit, "throttled");
		this.meters.counter("portcullis.rate-limit.throttled", "limit", limit).increment();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds(decision.retryAfter()))));
		return Mono.error(new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
				"Too many requests; try again later.", Map.of(), headers));
	}

	/**
	 * {@code portcullis.rate-limit.decisions} by {@code limit} and {@code outcome}:
	 * {@code allowed}, {@code throttled}, {@code unavailable_open} (Redis failed, let
	 * through) or {@code unavailable_closed} (Redis failed, refused with 503).
	 */
	private void decided(String limit, String outcome) {
		this.meters.counter("portcullis.rate-limit.decisions", "limit", limit, "outcome", outcome).increment();
	}

	private Mono<Decision> unavailable(String limit, Throwable ex) {
		boolean unreachable = this.reachability.unreachable(ex);
		boolean open = unreachable && this.properties.failOpen();
		String policy = open ? "open" : "closed";
		decided(limit, "unavailable_" + policy);
		this.meters.counter("portcullis.rate-limit.unavailable", "limit", limit, "policy", policy).increment();
		long now = System.currentTimeMillis();
		long last = this.lastWarning.get();
		if (now - last >= WARN_INTERVAL_MILLIS && this.lastWarning.compareAndSet(last, now)) {
			logger.warn("Rate limiter unavailable ({}); failing {}: {}",
					unreachable ? "Redis unreachable" : "no answer within " + this.properties.timeout(), policy,
					ex.toString());
		}
		if (open) {
			return Mono.empty();
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return Mono.error(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "rate_limiter_unavailable",
				"The service is temporarily unavailable; try again shortly.", Map.of(), headers));
	}

	private static HttpHeaders rateLimitHeaders(Quota quota) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("RateLimit-Limit", Long.toString(quota.rate().limit()));
		headers.set("RateLimit-Remaining", Long.toString(quota.remaining()));
		headers.set("RateLimit-Reset", Long.toString(seconds(quota.reset())));
		return headers;
	}

	/** Whole seconds, rounded up: a client that waits this long is never early. */
	private static long seconds(Duration duration) {
		long millis = Math.max(0, duration.toMillis());
		return (millis + 999) / 1000;
	}

	private static Map<String, Limit> limits(RateLimitProperties properties) {
		Map<String, Limit> limits = new HashMap<>();
		limits.put(SIGN_IN, properties.signIn());
		limits.put(SIGN_UP, properties.signUp());
		limits.put(EMAIL, properties.email());
		limits.put(TWO_FACTOR, properties.twoFactor());
		limits.put(CLIENT_CREDENTIALS, properties.clientCredentials());
		limits.put(PASSWORD_CHANGE, properties.passwordChange());
		limits.put(REFRESH_FAILURES, properties.refreshFailures());
		properties.rules().forEach((name, rule) -> {
			if (limits.containsKey(name)) {
				throw new IllegalStateException("portcullis.rate-limit.rules." + name
						+ " has the name of a built-in limit; configure portcullis.rate-limit." + name + " instead");
			}
			if (rule.perIp() == null && rule.perAccount() == null) {
				throw new IllegalStateException(
						"portcullis.rate-limit.rules." + name + " sets neither per-ip nor per-account");
			}
			limits.put(name, rule.limit());
		});
		return Map.copyOf(limits);
	}

}
