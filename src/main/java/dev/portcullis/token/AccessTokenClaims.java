package dev.portcullis.token;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an access token says about its bearer.
 *
 * @param amr authentication methods, {@code pwd} and possibly {@code otp}
 */
public record AccessTokenClaims(UUID userId, UUID sessionId, Instant authTime, List<String> amr, List<String> roles,
		String jti, Instant issuedAt, Instant expiresAt) {

	public AccessTokenClaims {
		amr = List.copyOf(amr);
		roles = List.copyOf(roles);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

}
