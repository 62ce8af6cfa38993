package dev.portcullis.token;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;

/**
 * One generation of signing key; {@code jwk} holds the private half. A retired key
 * ({@code retiredAt} set by an emergency rotation) neither signs nor verifies.
 */
record SigningKey(int generation, JWK jwk, Instant activatesAt, Instant retiredAt) {

	SigningKey(int generation, JWK jwk, Instant activatesAt) {
		this(generation, jwk, activatesAt, null);
	}

	String kid() {
		return this.jwk.getKeyID();
	}

	boolean retired() {
		return this.retiredAt != null;
	}

}
