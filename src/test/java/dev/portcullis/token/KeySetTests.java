package dev.portcullis.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeySetTests {

	static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	static final Duration TTL = Duration.ofMinutes(15);

	final SigningKey first = key(1, T0);

	final SigningKey second = key(2, T0.plus(Duration.ofDays(30)));

	@Test
	void aKeyCreatedForTheFutureIsPublishedButDoesNotSign() {
		KeySet keys = KeySet.of(List.of(this.first, this.second), T0.plus(Duration.ofDays(29)), TTL);
		assertThat(keys.signing()).isEqualTo(this.first);
		assertThat(keys.published().getKeyByKeyId(this.second.kid())).isEqualTo(this.second.jwk().toPublicJWK());
	}

	@Test
	void whenTheClockWentBackBeforeEveryActivationTheEarliestKeyStillSigns() {
		KeySet keys = KeySet.of(List.of(this.first, this.second), T0.minus(Duration.ofDays(1)), TTL);
		assertThat(keys.signing()).isEqualTo(this.first);
	}

	@Test
	void theSuccessorSignsFromItsActivation() {
		KeySet keys = KeySet.of(List.of(this.first, this.second), this.second.activatesAt(), TTL);
		assertThat(keys.signing()).isEqualTo(this.second);
	}

	@Test
	void aRetiredKeyStaysPublishedUntilItsLastTokenHasExpired() {
		Instant stillNeeded = this.second.activatesAt().plus(TTL);
		assertThat(KeySet.of(List.of(this.first, this.second), stillNeeded, TTL)
			.published()
			.getKeyByKeyId(this.first.kid())).isEqualTo(this.first.jwk().toPublicJWK());
		Instant afterwards = this.second.activatesAt().plus(TTL).plusSeconds(61);
		KeySet later = KeySet.of(List.of(this.first, this.second), afterwards, TTL);
		assertThat(later.published().getKeyByKeyId(this.first.kid())).isNull();
		assertThat(later.oldestPublishedGeneration(List.of(this.first, this.second))).isEqualTo(2);
	}

	@Test
	void publishedKeysCarryNoPrivatePart() {
		KeySet keys = KeySet.of(List.of(this.first), T0, TTL);
		assertThat(keys.published().getKeys()).allMatch((jwk) -> !jwk.isPrivate());
	}

	static SigningKey key(int generation, Instant activatesAt) {
		try {
			return new SigningKey(generation,
					new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
						.algorithm(JWSAlgorithm.ES256)
						.generate(),
					activatesAt);
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
