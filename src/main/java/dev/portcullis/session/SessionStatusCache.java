package dev.portcullis.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.portcullis.support.GatewayProperties;
import dev.portcullis.support.PeriodicTask;

/**
 * Answers "is this session still active?" for every bearer request without a database
 * round trip each time. Each instance caches a session's state for
 * {@code portcullis.session.status-cache-ttl}; a revocation is published on a Redis
 * channel and every instance drops the entry as the message arrives, so a revoked session
 * fails on all instances at once. Lettuce re-subscribes by itself after a reconnect,
 * silently, so the cache is cleared on every connection event of the Redis client
 * (connection lost, connection re-activated) as well as when the subscription itself
 * breaks: no instance keeps trusting an entry across a window in which it could have
 * missed a message. Expiry is evaluated against the clock on every call; an entry that
 * looks expired is re-read, since a refresh on another instance may have extended it.
 */
@Component
public class SessionStatusCache implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SessionStatusCache.class);

	private final SessionStore store;

	private final ReactiveStringRedisTemplate redis;

	private final Clock clock;

	private final String channel;

	private final Cache<UUID, Status> cache;

	private final AtomicLong invalidations = new AtomicLong();

	private final ClientResources redisClient;

	private volatile Disposable subscription;

	private volatile Disposable connectionEvents;

	SessionStatusCache(SessionStore store, ReactiveStringRedisTemplate redis, ClientResources redisClient,
			SessionProperties properties, GatewayProperties gateway, Clock clock) {
		this.store = store;
		this.redisClient = redisClient;
		this.redis = redis;
		this.clock = clock;
		this.channel = gateway.redisPrefix() + ":sessions:revoked";
		this.cache = Caffeine.newBuilder().expireAfterWrite(properties.statusCacheTtl()).maximumSize(100_000).build();
	}

	/** Completes empty if the session is active, else errors with the contract's code. */
	public Mono<Void> check(UUID sessionId) {
		Instant now = this.clock.instant();
		Status cached = this.cache.getIfPresent(sessionId);
		if (cached != null && (cached.revoked() || cached.expiresAt().isAfter(now))) {
			return verdict(cached, now);
		}
		long epoch = this.invalidations.get();
		return this.store.status(sessionId)
			.doOnNext((status) -> remember(sessionId, status, epoch))
			.defaultIfEmpty(new Status(true, Instant.EPOCH))
			.flatMap((status) -> verdict(status, now));
	}

	/** Tells every instance, this one first, that these sessions ended. */
	Mono<Void> publishRevoked(Collection<UUID> sessionIds) {
		if (sessionIds.isEmpty()) {
			return Mono.empty();
		}
		sessionIds.forEach(this::invalidate);
		return Flux.fromIterable(sessionIds)
			.concatMap((id) -> this.redis.convertAndSend(this.channel, id.toString()))
			.then()
			.onErrorResume((ex) -> {
				logger.warn("Could not publish a session revocation to the other instances; they will see it within "
						+ "the status cache TTL: {}", ex.toString());
				return Mono.empty();
			});
	}

	/**
	 * Caches a status read from the database unless an invalidation arrived while it was
	 * being read: that read may predate the revocation the message announced.
	 */
	private void remember(UUID sessionId, Status status, long epoch) {
		if (this.invalidations.get() == epoch) {
			this.cache.put(sessionId, status);
		}
	}

	private void invalidate(UUID sessionId) {
		this.invalidations.incrementAndGet();
		this.cache.invalidate(sessionId);
	}

	private void invalidateAll() {
		this.invalidations.incrementAndGet();
		this.cache.invalidateAll();
	}

	private static Mono<Void> verdict(Status status, Instant now) {
		if (status.revoked()) {
			return Mono.error(SessionProblems.revoked());
		}
		if (!status.expiresAt().isAfter(now)) {
			return Mono.error(SessionProblems.expired());
		}
		return Mono.empty();
	}

	@Override
	public void start() {
		this.connectionEvents = this.redisClient.eventBus()
			.get()
			.filter((event) -> event instanceof ConnectionActivatedEvent || event instanceof ConnectionDeactivatedEvent)
			.subscribe((event) -> invalidateAll());
		this.subscription = Flux.defer(() -> {
			invalidateAll();
			return this.redis.listenToChannel(this.channel);
		})
			// Subscribing opens (or waits for) the pub/sub connection, which may block on
			// the connection factory's lock: never on a non-blocking thread.
			.subscribeOn(Schedulers.boundedElastic())
			.doOnNext((message) -> invalidate(UUID.fromString(message.getMessage())))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
				.maxBackoff(Duration.ofSeconds(5))
				.scheduler(Schedulers.boundedElastic())
				.doBeforeRetry((signal) -> {
					invalidateAll();
					logger.warn("Session revocation channel lost, retrying: {}", signal.failure().toString());
				}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
		Disposable events = this.connectionEvents;
		if (events != null) {
			events.dispose();
		}
		this.subscription = null;
		this.connectionEvents = null;
	}

	/** Listens until in-flight requests have finished (see {@link PeriodicTask}). */
	@Override
	public int getPhase() {
		return PeriodicTask.SHUTDOWN_AFTER_WEB_SERVER;
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

	record Status(boolean revoked, Instant expiresAt) {

	}

}
