package dev.portcullis.account;

import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.util.unit.DataSize;

import dev.portcullis.support.Offloader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one place tests pay the real Argon2id cost: every other test runs with the cheap
 * parameters of {@code TestInfrastructure}.
 */
class PasswordHasherTests {

	final Offloader offloader = new Offloader(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

	@AfterEach
	void stop() {
		this.offloader.destroy();
	}

	@Test
	void hashWithTheDefaultsIsArgon2idAt16MibTwoIterationsOneLaneWithA16ByteSaltAnd32ByteHash() {
		PasswordHasher hasher = hasher(PasswordProperties.Argon2.DEFAULTS);

		String hash = hasher.hash("correct horse battery staple").block();

		assertThat(hash).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");
		String[] parts = hash.split("\\$");
		assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
		assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
		StepVerifier.create(hasher.matches("correct horse battery staple", hash)).expectNext(true).verifyComplete();
		StepVerifier.create(hasher.matches("correct horse battery stapler", hash)).expectNext(false).verifyComplete();
	}

	@Test
	void hashUsesTheConfiguredCostAndStillVerifiesHashesMadeWithAnotherCost() {
		PasswordHasher cheap = hasher(new PasswordProperties.Argon2(DataSize.ofKilobytes(64), 1, 2, 8, 16));
		String stored = hasher(PasswordProperties.Argon2.DEFAULTS).hash("an older password").block();

		String hash = cheap.hash("correct horse battery staple").block();

		assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=2$");
		String[] parts = hash.split("\\$");
		assertThat(Base64.getDecoder().decode(parts[4])).hasSize(8);
		assertThat(Base64.getDecoder().decode(parts[5])).hasSize(16);
		StepVerifier.create(cheap.matches("an older password", stored)).expectNext(true).verifyComplete();
	}

	@Test
	void matchesNothingAnswersFalseEvenForTheDummyPassword() {
		StepVerifier.create(hasher(PasswordProperties.Argon2.DEFAULTS).matchesNothing("correct horse battery staple"))
			.expectNext(false)
			.verifyComplete();
	}

	private PasswordHasher hasher(PasswordProperties.Argon2 argon2) {
		return new PasswordHasher(new PasswordProperties(8, 128, false, false, false, false, 2, argon2),
				this.offloader);
	}

}
