package dev.portcullis.token;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;

/** One generation of signing key; {@code jwk} holds the private half. */
record SigningKey(int generation, JWK jwk, Instant activatesAt) {

	String kid() {
		return this.jwk.getKeyID();
	}

}
