package dev.portcullis.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Records security events: a row in {@code security_events} ({@link SecurityEventStore}),
 * one JSON line on the {@code portcullis.audit} logger, and a
 * {@code portcullis.security.events} counter tagged with the type. Routine events
 * ({@link #logOnly}) skip the row so that hot paths such as refresh write nothing but
 * their own state change. Every {@link SecurityEventListener} interested in the type runs
 * in the transaction that stores the event (joining the caller's, if there is one).
 */
@Component
public class SecurityEvents {

	private static final Logger AUDIT = LoggerFactory.getLogger("portcullis.audit");

	private final SecurityEventStore store;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ObjectProvider<SecurityEventListener> listeners;

	private final TransactionalOperator transactions;

	/**
	 * Resolved on first use: listeners may themselves depend on beans that record events.
	 */
	private volatile List<SecurityEventListener> resolvedListeners;

	SecurityEvents(SecurityEventStore store, JsonMapper json, MeterRegistry meters, Clock clock,
			ObjectProvider<SecurityEventListener> listeners, TransactionalOperator transactions) {
		this.store = store;
		this.json = json;
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

	private void emit(SecurityEvent event) {
		this.meters.counter("portcullis.security.events", "type", event.type()).increment();
		if (AUDIT.isInfoEnabled()) {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("event", event.type());
			line.put("timestamp", event.createdAt().toString());
			line.put("userId", event.userId());
			line.put("sessionId", event.sessionId());
			line.put("ipAddress", event.ipAddress());
			line.put("userAgent", event.userAgent());
			line.put("deviceId", event.sessionId());
			if (!event.details().isEmpty()) {
				line.put("details", event.details());
			}
			AUDIT.info(this.json.writeValueAsString(line));
		}
	}

}
