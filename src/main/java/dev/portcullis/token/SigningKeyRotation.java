package dev.portcullis.token;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Emergency signing-key rotation, for an operator who suspects a private signing key has
 * leaked: a new key is published and signs at once (skipping the usual pre-publication,
 * so resource servers that cache the JWKS must refetch on an unknown {@code kid}), and
 * the compromised key can be retired in the same call: it leaves the JWKS and every token
 * it signed fails verification. Every instance is told over Redis and reloads its ring at
 * once; one that missed the message reloads within a minute, or sooner when it meets a
 * token of a {@code kid} it does not know.
 */
@Component
public class SigningKeyRotation {

	private final SigningKeyRing ring;

	private final SigningKeyChanges changes;

	SigningKeyRotation(SigningKeyRing ring, SigningKeyChanges changes) {
		this.ring = ring;
		this.changes = changes;
	}

	/**
	 * Rotates now; retires {@code retireKid} when given (null for none). Errors
	 * {@code 404 signing_key_not_found} when {@code retireKid} names no published key.
	 */
	public Mono<Result> rotateNow(String retireKid) {
		return this.ring.rotateNow(retireKid).flatMap((result) -> this.changes.publish().thenReturn(result));
	}

	/**
	 * @param kid the key that signs from now
	 * @param retiredKid the key retired, or null
	 */
	public record Result(String kid, String retiredKid) {

	}

}
