package dev.portcullis.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One device's session: the state of a refresh-token chain. */
public record Session(UUID id, UUID userId, int generation, boolean rememberMe, List<String> amr, Instant authTime,
		String userAgent, String ipAddress, Device device, Instant createdAt, Instant lastActiveAt, Instant expiresAt,
		Instant extendedAt, Instant absoluteExpiresAt, Instant revokedAt) {

	public Session {
		amr = List.copyOf(amr);
	}

	public boolean isRevoked() {
		return this.revokedAt != null;
	}

	public boolean isExpiredAt(Instant now) {
		return !this.expiresAt.isAfter(now);
	}

	public boolean isActiveAt(Instant now) {
		return !isRevoked() && !isExpiredAt(now);
	}

	public boolean twoFactor() {
		return this.amr.contains("otp");
	}

}
