package dev.portcullis.session;

import java.time.Instant;
import java.util.UUID;

/** The contract's {@code session} object. */
public record SessionView(UUID id, boolean current, Device device, String userAgent, String ipAddress,
		Instant createdAt, Instant lastActiveAt, Instant expiresAt, boolean rememberMe, boolean twoFactor) {

	public static SessionView of(Session session, UUID currentSessionId) {
		return new SessionView(session.id(), session.id().equals(currentSessionId), session.device(),
				session.userAgent(), session.ipAddress(), session.createdAt(), session.lastActiveAt(),
				session.expiresAt(), session.rememberMe(), session.twoFactor());
	}

}
