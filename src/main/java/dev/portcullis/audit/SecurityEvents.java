package dev.portcullis.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Records security events: a row in {@code security_events} ({@link SecurityEventStore}),
 * one log record with the event as fields on the {@code portcullis.audit} logger, and a
 * {@code portcullis.security.events} counter tagged with the type. Routine events
 * ({@link #logOnly}) skip the row so that hot paths such as refresh write nothing but
 * their own state change. Every {@link SecurityEventListener} interested in the type runs
 * in the transaction that stores the event (joining the caller's, if there is one).
 */
@Component
public class SecurityEvents {

	private static final Logger AUDIT = LoggerFactory.getLogger("portcullis.audit");

	private final SecurityEventStore store;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ObjectProvider<SecurityEventListener> listeners;

	private final TransactionalOperator transactions;

	/**
	 * Resolved on first use: listeners may themselves depend on beans that record events.
	 */
	private volatile List<SecurityEventListener> resolvedListeners;

	SecurityEvents(SecurityEventStore store, MeterRegistry meters, Clock clock,
			ObjectProvider<SecurityEventListener> listeners, TransactionalOperator transactions) {
		this.store = store;
		this.meters = meters;
		this.clock = clock;
		this.listeners = listeners;
		this.transactions = transactions;
	}

	public Mono<SecurityEvent> record(String type, EventContext context) {
		SecurityEvent event = stamp(type, context);
		List<SecurityEventListener> interested = listeners().stream()
			.filter((listener) -> listener.supports(type))
			.toList();
		Mono<Void> store = this.store.insert(event);
		if (!interested.isEmpty()) {
			store = this.transactions.transactional(store.thenMany(Flux.fromIterable(interested))
				.concatMap((listener) -> listener.recorded(event))
				.then());
		}
		return store.doOnSuccess((done) -> emit(event)).thenReturn(event);
	}

	private List<SecurityEventListener> listeners() {
		List<SecurityEventListener> resolved = this.resolvedListeners;
		if (resolved == null) {
			resolved = this.listeners.orderedStream().toList();
			this.resolvedListeners = resolved;
		}
		return resolved;
	}

	/** Logs and counts an event without storing it. */
	public void logOnly(String type, EventContext context) {
		emit(stamp(type, context));
	}

	private SecurityEvent stamp(String type, EventContext context) {
		return new SecurityEvent(UUID.randomUUID(), type, context.userId(), context.sessionId(), context.ipAddress(),
				context.userAgent(), Instant.now(this.clock), context.details());
	}

	/**
	 * One log record per event whose fields carry the event (SLF4J key-value pairs, which
	 * the structured console formats write as JSON members): {@code securityEvent},
	 * {@code eventId}, {@code userId}, {@code sessionId}, {@code clientIp},
	 * {@code userAgent} and {@code details}. The message is the event type, for text
	 * logs.
	 */
	private void emit(SecurityEvent event) {
		this.meters.counter("portcullis.security.events", "type", event.type()).increment();
		if (AUDIT.isInfoEnabled()) {
			LoggingEventBuilder line = AUDIT.atInfo()
				.setMessage("Security event {}")
				.addArgument(event.type())
				.addKeyValue("securityEvent", event.type())
				.addKeyValue("eventId", event.id());
			addIfPresent(line, "userId", event.userId());
			addIfPresent(line, "sessionId", event.sessionId());
			addIfPresent(line, "clientIp", event.ipAddress());
			addIfPresent(line, "userAgent", event.userAgent());
			if (!event.details().isEmpty()) {
				line.addKeyValue("details", event.details());
			}
			line.log();
		}
	}

	private static void addIfPresent(LoggingEventBuilder line, String key, Object value) {
		if (value != null) {
			line.addKeyValue(key, value);
		}
	}

}
