package dev.portcullis.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.crypto.SecretBox;
import dev.portcullis.support.Offloader;
import dev.portcullis.support.PeriodicTask;

/**
 * Delivers the outbox. Every {@code outbox.poll-interval} each instance claims up to
 * {@code batch-size} due messages in one statement ({@code FOR UPDATE SKIP LOCKED}, so
 * concurrent instances never claim the same row) and reserves them for {@code lease}. It
 * sends them on the offload pool (SMTP blocks) and marks each sent; a failure schedules
 * the next attempt with exponential backoff. An instance that dies mid-send leaves its
 * lease to run out, after which another sends the message again: delivery is at least
 * once, with the same {@code Message-ID} every time.
 * <p>
 * Metrics: {@code portcullis.email.queued}, {@code .sent}, {@code .failed} (attempts) and
 * {@code .given.up} counters tagged by template, and the gauges
 * {@code portcullis.email.pending} and {@code portcullis.email.oldest.pending.age}
 * (seconds).
 */
@Component
class OutboxDispatcher extends PeriodicTask {

	private static final Logger logger = LoggerFactory.getLogger(OutboxDispatcher.class);

	private static final int CONCURRENT_SENDS = 4;

	private static final Duration HOUSEKEEPING_INTERVAL = Duration.ofHours(1);

	private final OutboxStore store;

	private final EmailTokens tokens;

	private final MailTransport transport;

	private final Offloader offloader;

	private final SecretBox secrets;

	private final EmailProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicReference<Instant> oldestPending = new AtomicReference<>();

	private volatile Instant lastHousekeeping = Instant.EPOCH;

	OutboxDispatcher(OutboxStore store, EmailTokens tokens, MailTransport transport, Offloader offloader,
			SecretBox secrets, EmailProperties properties, MeterRegistry meters, Clock clock) {
		super("Outbox poll", Duration.ZERO, properties.outbox().pollInterval());
		this.store = store;
		this.tokens = tokens;
		this.transport = transport;
		this.offloader = offloader;
		this.secrets = secrets;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
		Gauge.builder("portcullis.email.pending", this.pending, AtomicLong::get)
			.description("Messages in the outbox not yet sent")
			.register(meters);
		Gauge.builder("portcullis.email.oldest.pending.age", this, OutboxDispatcher::oldestPendingAgeSeconds)
			.description("Age of the oldest message not yet sent")
			.baseUnit("seconds")
			.register(meters);
	}

	/**
	 * Claims and sends every due message, batch after batch, then refreshes the gauges.
	 * Answers how many messages were claimed.
	 */
	Mono<Long> dispatchDue() {
		return dispatchBatch()
			.expand((claimed) -> (claimed == this.properties.outbox().batchSize()) ? dispatchBatch() : Mono.empty())
			.reduce(0L, (total, claimed) -> total + claimed)
			.flatMap((total) -> housekeeping().then(refreshGauges()).thenReturn(total));
	}

	private Mono<Long> dispatchBatch() {
		return claim().flatMap(this::deliver, CONCURRENT_SENDS).count();
	}

	private Flux<OutboxStore.Claimed> claim() {
		Instant now = this.clock.instant();
		return this.store.claimDue(now, now.plus(this.properties.outbox().lease()),
				this.properties.outbox().batchSize());
	}

	private Mono<Void> deliver(OutboxStore.Claimed message) {
		return this.offloader.call(() -> {
			this.transport.send(open(message));
			return message;
		}).flatMap(this::markSent).onErrorResume((ex) -> markFailed(message, ex));
	}

	private OutgoingMail open(OutboxStore.Claimed message) {
		SealedMail sealed = SealedMail.open(this.secrets, message.id(), message.body());
		return new OutgoingMail(message.messageId(), sealed.from(), message.recipient(), message.subject(),
				sealed.text(), sealed.html());
	}

	private Mono<Void> markSent(OutboxStore.Claimed message) {
		return this.store.markSent(message.id(), this.clock.instant())
			.doOnSuccess(
					(done) -> this.meters.counter("portcullis.email.sent", "template", message.template()).increment());
	}

	private Mono<Void> markFailed(OutboxStore.Claimed message, Throwable failure) {
		Instant now = this.clock.instant();
		String error = describe(failure);
		this.meters.counter("portcullis.email.failed", "template", message.template()).increment();
		if (!now.isBefore(message.createdAt().plus(this.properties.outbox().giveUpAfter()))) {
			logger.error("Giving up on mail {} ({}) after {} attempts: {}", message.messageId(), message.template(),
					message.attempts(), error);
			this.meters.counter("portcullis.email.given.up", "template", message.template()).increment();
			return this.store.giveUp(message.id(), error);
		}
		Instant next = now.plus(backoff(message.attempts()));
		logger.warn("Could not send mail {} ({}), attempt {}; next attempt at {}: {}", message.messageId(),
				message.template(), message.attempts(), next, error);
		return this.store.retryAt(message.id(), next, error);
	}

	/** {@code initial-backoff × 2^(attempts − 1)}, at most {@code max-backoff}. */
	Duration backoff(int attempts) {
		Duration initial = this.properties.outbox().initialBackoff();
		Duration max = this.properties.outbox().maxBackoff();
		int doublings = Math.min(Math.max(attempts - 1, 0), 30);
		Duration delay = initial.multipliedBy(1L << doublings);
		return (delay.compareTo(max) > 0) ? max : delay;
	}

	private Mono<Void> housekeeping() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.lastHousekeeping.plus(HOUSEKEEPING_INTERVAL))) {
			return Mono.empty();
		}
		this.lastHousekeeping = now;
		Instant cutoff = now.minus(this.properties.outbox().retention());
		return this.store.deleteEndedBefore(cutoff).then(this.tokens.deleteExpiredBefore(cutoff));
	}

	private Mono<Void> refreshGauges() {
		return this.store.pending().doOnNext((pending) -> {
			this.pending.set(pending.count());
			this.oldestPending.set(pending.oldest());
		}).then();
	}

	private double oldestPendingAgeSeconds() {
		Instant oldest = this.oldestPending.get();
		return (oldest != null) ? Math.max(0, Duration.between(oldest, this.clock.instant()).toMillis() / 1000.0) : 0;
	}

	private static String describe(Throwable failure) {
		String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		return (message.length() > 500) ? message.substring(0, 500) : message;
	}

	@Override
	protected Mono<Long> runOnce() {
		return dispatchDue();
	}

}
