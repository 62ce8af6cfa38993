package dev.portcullis.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something security-relevant that happened to an account or a session.
 *
 * @param type dotted event type, such as {@code session.created}
 * @param details free-form facts; never a secret, token or password
 */
public record SecurityEvent(UUID id, String type, UUID userId, UUID sessionId, String ipAddress, String userAgent,
		Instant createdAt, Map<String, Object> details) {

	public SecurityEvent {
		details = (details != null) ? Map.copyOf(details) : Map.of();
	}

}
