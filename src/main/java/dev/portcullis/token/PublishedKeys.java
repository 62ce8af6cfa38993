package dev.portcullis.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** The public side of the key ring, for the JWKS and discovery endpoints. */
@Component
public class PublishedKeys {

	private final SigningKeyRing ring;

	private final SigningKeyProperties properties;

	PublishedKeys(SigningKeyRing ring, SigningKeyProperties properties) {
		this.ring = ring;
		this.properties = properties;
	}

	public Mono<Map<String, Object>> jwkSet() {
		return this.ring.keys().map((keys) -> keys.published().toJSONObject(true));
	}

	public Mono<List<String>> algorithms() {
		return this.ring.keys()
			.map((keys) -> keys.published()
				.getKeys()
				.stream()
				.map(JWK::getAlgorithm)
				.map((alg) -> alg.getName())
				.distinct()
				.toList());
	}

	public Duration maxAge() {
		return this.properties.jwksMaxAge();
	}

}
