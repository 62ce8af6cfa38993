package dev.portcullis.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.portcullis.support.ProblemException;

/**
 * Cursor pagination of security events for the user and admin endpoints: {@code ?limit=}
 * (1–100, default 50) and {@code ?before=} (the {@code nextCursor} of the previous page).
 * Answers {@code {events: [...], nextCursor}}, newest first; {@code nextCursor} is absent
 * on the last page. The cursor is opaque to clients (it names the last event shown), so
 * events sharing a timestamp are neither skipped nor repeated.
 */
@Component
public class SecurityEventPages {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 100;

	private final SecurityEventStore store;

	SecurityEventPages(SecurityEventStore store) {
		this.store = store;
	}

	/**
	 * One page over every user, or over the user named by {@code userId} (a UUID) when
	 * given.
	 */
	public Mono<Map<String, Object>> page(String userId, String type, String before, Integer limit) {
		if (userId == null || userId.isBlank()) {
			return page((UUID) null, type, before, limit);
		}
		try {
			return page(UUID.fromString(userId), type, before, limit);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(invalid("userId", "is not a user id"));
		}
	}

	public Mono<Map<String, Object>> page(UUID userId, String type, String before, Integer limit) {
		int size = (limit != null) ? limit : DEFAULT_LIMIT;
		if (size < 1 || size > MAX_LIMIT) {
			return Mono.error(invalid("limit", "must be between 1 and " + MAX_LIMIT));
		}
		Cursor cursor;
		try {
			cursor = (before != null && !before.isBlank()) ? Cursor.decode(before) : null;
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			return Mono.error(invalid("before", "is not a cursor from a previous page"));
		}
		return this.store
			.query(userId, (type != null && !type.isBlank()) ? type : null,
					(cursor != null) ? cursor.createdAt() : null, (cursor != null) ? cursor.id() : null, size + 1)
			.collectList()
			.map((found) -> toPage(found, size));
	}

	private static Map<String, Object> toPage(List<SecurityEvent> found, int size) {
		Map<String, Object> page = new LinkedHashMap<>();
		List<SecurityEvent> shown = found.subList(0, Math.min(size, found.size()));
		page.put("events", shown);
		if (found.size() > size) {
			SecurityEvent last = shown.get(shown.size() - 1);
			page.put("nextCursor", new Cursor(last.createdAt(), last.id()).encode());
		}
		return page;
	}

	private static ProblemException invalid(String field, String message) {
		return ProblemException
			.validationFailed(List.of(Map.of("field", field, "code", "invalid", "message", message)));
	}

	record Cursor(Instant createdAt, UUID id) {

		String encode() {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((this.createdAt + "|" + this.id).getBytes(StandardCharsets.UTF_8));
		}

		static Cursor decode(String value) {
			String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|", 2);
			if (parts.length != 2) {
				throw new IllegalArgumentException("not a cursor");
			}
			return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
		}

	}

}
