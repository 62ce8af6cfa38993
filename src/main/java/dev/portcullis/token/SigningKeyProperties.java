package dev.portcullis.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access-token signing keys.
 *
 * @param algorithm {@code ES256} (default), {@code EdDSA} (Ed25519) or {@code RS256}; a
 * change takes effect through an early rotation, with the usual pre-publication
 * @param rotationPeriod how long one key signs before the next takes over; default 30d
 * @param jwksMaxAge {@code Cache-Control: max-age} of the JWK set (60s to 1h); a new key
 * is published two max-ages before it signs; default 10m
 */
@ConfigurationProperties("portcullis.signing-keys")
record SigningKeyProperties(@DefaultValue("ES256") String algorithm, @DefaultValue("30d") Duration rotationPeriod,
		@DefaultValue("10m") Duration jwksMaxAge) {

	public SigningKeyProperties {
		if (!java.util.List.of("ES256", "EdDSA", "RS256").contains(algorithm)) {
			throw new IllegalArgumentException(
					"portcullis.signing-keys.algorithm must be ES256, EdDSA or RS256, not " + algorithm);
		}
		if (jwksMaxAge.toSeconds() < 60 || jwksMaxAge.toSeconds() > 3600) {
			throw new IllegalArgumentException("portcullis.signing-keys.jwks-max-age must be between 60s and 1h");
		}
		if (rotationPeriod.compareTo(jwksMaxAge.multipliedBy(4)) < 0) {
			throw new IllegalArgumentException(
					"portcullis.signing-keys.rotation-period must be at least four JWKS max-ages");
		}
	}

	Duration prePublication() {
		return this.jwksMaxAge.multipliedBy(2);
	}

}
