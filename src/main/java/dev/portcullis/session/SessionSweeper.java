package dev.portcullis.session;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.support.PeriodicTask;

/**
 * Housekeeping, every {@code portcullis.session.sweep-interval} on every instance:
 * records each session that ran out ({@code session.expired}, counter, duration) exactly
 * once, refreshes the active-sessions gauge, and deletes sessions (with their
 * refresh-token history) that ended more than {@code portcullis.session.retention} ago.
 * Every step works in batches claimed with {@code FOR UPDATE SKIP LOCKED}, so instances
 * sweeping at the same moment split the work instead of blocking or repeating each other.
 * Runs as a subscription, never on a blocked thread.
 */
@Component
class SessionSweeper extends PeriodicTask {

	private static final Logger logger = LoggerFactory.getLogger(SessionSweeper.class);

	static final int BATCH = 500;

	private final SessionStore store;

	private final SessionMetrics metrics;

	private final SecurityEvents events;

	private final SessionProperties properties;

	private final Clock clock;

	SessionSweeper(SessionStore store, SessionMetrics metrics, SecurityEvents events, SessionProperties properties,
			Clock clock) {
		super("Session sweep", properties.sweepInterval(), properties.sweepInterval());
		this.store = store;
		this.metrics = metrics;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/** One sweep; answers how many ended sessions it deleted. */
	public Mono<Long> sweep() {
		Instant now = this.clock.instant();
		Instant cutoff = now.minus(this.properties.retention());
		return inBatches(() -> recordExpiries(now)).then(this.store.countActive(now).doOnNext(this.metrics::active))
			.then(inBatches(() -> this.store.deleteEnded(cutoff, BATCH)));
	}

	private Mono<Long> recordExpiries(Instant now) {
		return this.store.claimExpired(now, BATCH).concatMap((ended) -> {
			this.metrics.expired(ended.createdAt(), ended.expiresAt());
			return this.events.record("session.expired", EventContext.of(ended.userId(), ended.id(), null, null));
		}).count();
	}

	/** Repeats a batch while it comes back full; answers the total. */
	private static Mono<Long> inBatches(Supplier<Mono<Long>> batch) {
		return batch.get().expand((done) -> (done == BATCH) ? batch.get() : Mono.empty()).reduce(0L, Long::sum);
	}

	@Override
	protected Mono<Long> runOnce() {
		return sweep().doOnNext((deleted) -> {
			if (deleted > 0) {
				logger.info("Session sweep deleted {} ended sessions", deleted);
			}
		});
	}

}
