package dev.portcullis.token;

import java.time.Instant;
import java.util.List;

/**
 * What a service-to-service access token (OAuth 2.0 client credentials, RFC 6749 section
 * 4.4) says: the client it was issued to ({@code sub} and {@code client_id}), its
 * {@code scope} and {@code aud}. It names no user and no session.
 */
public record ServiceTokenClaims(String clientId, List<String> scopes, List<String> audience, String jti,
		Instant issuedAt, Instant expiresAt) {

	public ServiceTokenClaims {
		scopes = List.copyOf(scopes);
		audience = List.copyOf(audience);
	}

	/** The {@code scope} claim: space-separated (RFC 9068 section 2.2.3). */
	public String scope() {
		return String.join(" ", this.scopes);
	}

}
