package dev.portcullis.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.codec.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Records security events: a row in {@code security_events}, one log record with the
 * event as fields on the {@code portcullis.audit} logger, and a
 * {@code portcullis.security.events} counter tagged with the type. Routine events
 * ({@link #logOnly}) skip the row so that hot paths such as refresh write nothing but
 * their own state change. Every {@link SecurityEventListener} interested in the type runs
 * in the transaction that stores the event (joining the caller's, if there is one).
 */
@Component
public class SecurityEvents {

	private static final Logger AUDIT = LoggerFactory.getLogger("portcullis.audit");

	private final DatabaseClient db;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ObjectProvider<SecurityEventListener> listeners;

	private final TransactionalOperator transactions;

	/**
	 * Resolved on first use: listeners may themselves depend on beans that record events.
	 */
	private volatile List<SecurityEventListener> resolvedListeners;

	SecurityEvents(DatabaseClient db, JsonMapper json, MeterRegistry meters, Clock clock,
			ObjectProvider<SecurityEventListener> listeners, TransactionalOperator transactions) {
		this.db = db;
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
		Mono<Void> store = insert(event);
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

	private Mono<Void> insert(SecurityEvent event) {
		return this.db.sql(
				"insert into security_events (id, type, user_id, session_id, ip_address, user_agent, created_at, details) "
						+ "values (:id, :type, :userId, :sessionId, :ip, :ua, :at, :details)")
			.bind("id", event.id())
			.bind("type", event.type())
			.bind("userId", Parameter.fromOrEmpty(event.userId(), UUID.class))
			.bind("sessionId", Parameter.fromOrEmpty(event.sessionId(), UUID.class))
			.bind("ip", Parameter.fromOrEmpty(event.ipAddress(), String.class))
			.bind("ua", Parameter.fromOrEmpty(event.userAgent(), String.class))
			.bind("at", event.createdAt())
			.bind("details", Json.of(this.json.writeValueAsString(event.details())))
			.then();
	}

	/** Logs and counts an event without storing it. */
	public void logOnly(String type, EventContext context) {
		emit(stamp(type, context));
	}

	public Flux<SecurityEvent> query(UUID userId, String type, Instant before, int limit) {
		return query(userId, type, before, null, limit);
	}

	/**
	 * Newest first, optionally only events strictly before the event ({@code before},
	 * {@code beforeId}): a keyset cursor that neither skips nor repeats events that share
	 * a timestamp.
	 */
	public Flux<SecurityEvent> query(UUID userId, String type, Instant before, UUID beforeId, int limit) {
		StringBuilder sql = new StringBuilder("select * from security_events where true");
		if (userId != null) {
			sql.append(" and user_id = :userId");
		}
		if (type != null) {
			sql.append(" and type = :type");
		}
		if (before != null && beforeId != null) {
			sql.append(" and (created_at, id) < (:before, :beforeId)");
		}
		else if (before != null) {
			sql.append(" and created_at < :before");
		}
		sql.append(" order by created_at desc, id desc limit :limit");
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql.toString()).bind("limit", limit);
		if (userId != null) {
			spec = spec.bind("userId", userId);
		}
		if (type != null) {
			spec = spec.bind("type", type);
		}
		if (before != null) {
			spec = spec.bind("before", before);
		}
		if (before != null && beforeId != null) {
			spec = spec.bind("beforeId", beforeId);
		}
		return spec
			.map((row, meta) -> new SecurityEvent(row.get("id", UUID.class), row.get("type", String.class),
					row.get("user_id", UUID.class), row.get("session_id", UUID.class),
					row.get("ip_address", String.class), row.get("user_agent", String.class),
					row.get("created_at", Instant.class), readDetails(row.get("details", Json.class))))
			.all();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> readDetails(Json details) {
		return (details != null) ? this.json.readValue(details.asString(), Map.class) : Map.of();
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
