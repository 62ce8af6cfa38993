package dev.portcullis.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * The keys as of one moment: the one that signs, and the public keys that verify. A key
 * is published from its creation (which precedes its activation by the pre-publication
 * period) until every token it signed has expired: its successor's activation plus the
 * access-token lifetime. When every key activates in the future (the clock went back, as
 * after an NTP step or a moved test clock), the earliest one signs: it is already
 * published, and a gateway that cannot sign is worse. A retired key (an emergency
 * rotation's compromised key) is left out altogether: it neither signs nor verifies.
 */
record KeySet(SigningKey signing, JWKSet published, Instant loadedAt) {

	static KeySet of(List<SigningKey> all, Instant now, Duration tokenTtl) {
		List<SigningKey> keys = all.stream().filter((key) -> !key.retired()).toList();
		SigningKey signing = null;
		List<JWK> published = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			SigningKey key = keys.get(i);
			SigningKey next = (i + 1 < keys.size()) ? keys.get(i + 1) : null;
			boolean active = !key.activatesAt().isAfter(now);
			if (active && (next == null || next.activatesAt().isAfter(now))) {
				signing = key;
			}
			boolean stillVerifies = next == null || next.activatesAt().plus(tokenTtl).plusSeconds(60).isAfter(now);
			if (stillVerifies) {
				published.add(key.jwk().toPublicJWK());
			}
		}
		if (signing == null && !keys.isEmpty()) {
			signing = keys.get(0);
		}
		return new KeySet(signing, new JWKSet(published), now);
	}

	/** The oldest generation that still has to be kept. */
	int oldestPublishedGeneration(List<SigningKey> keys) {
		return keys.stream()
			.filter((key) -> this.published.getKeyByKeyId(key.kid()) != null)
			.mapToInt(SigningKey::generation)
			.min()
			.orElse(Integer.MAX_VALUE);
	}

}
