package dev.portcullis.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/** The SQL of {@code security_events}: storing an event and reading pages of them. */
@Component
class SecurityEventStore {

	private final DatabaseClient db;

	private final JsonMapper json;

	SecurityEventStore(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Mono<Void> insert(SecurityEvent event) {
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

	/**
	 * Newest first, optionally only events strictly before the event ({@code before},
	 * {@code beforeId}): a keyset cursor that neither skips nor repeats events that share
	 * a timestamp.
	 */
	Flux<SecurityEvent> query(UUID userId, String type, Instant before, UUID beforeId, int limit) {
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

}
