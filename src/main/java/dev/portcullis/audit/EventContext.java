package dev.portcullis.audit;

import java.util.Map;
import java.util.UUID;

import dev.portcullis.support.ClientInfo;

/**
 * Who and where an event is about, before it is stamped with an id and a time. The
 * session id also stands for the device in the log line's {@code deviceId}.
 *
 * @param details event-specific fields, stored as JSON
 */
public record EventContext(UUID userId, UUID sessionId, String ipAddress, String userAgent,
		Map<String, Object> details) {

	public static EventContext of(UUID userId, UUID sessionId, String ipAddress, String userAgent) {
		return new EventContext(userId, sessionId, ipAddress, userAgent, Map.of());
	}

	/** About a request's client: its resolved address and {@code User-Agent}. */
	public static EventContext of(UUID userId, UUID sessionId, ClientInfo client) {
		return of(userId, sessionId, client.ipAddress(), client.userAgent());
	}

	public EventContext withDetails(Map<String, Object> details) {
		return new EventContext(this.userId, this.sessionId, this.ipAddress, this.userAgent, details);
	}

}
