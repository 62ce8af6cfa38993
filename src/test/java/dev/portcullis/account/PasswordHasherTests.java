package dev.portcullis.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.util.unit.DataSize;

import dev.portcullis.support.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one place tests pay the real Argon2id cost (every other test runs with the cheap
 * parameters of {@code TestInfrastructure}), and the time bound of the hashing queue.
 */
class PasswordHasherTests {

	private static final HashingProperties ROOMY = new HashingProperties(1, Duration.ofSeconds(5), 100);

	private final List<PasswordHasher> hashers = new ArrayList<>();

	@AfterEach
	void stop() {
		this.hashers.forEach(PasswordHasher::destroy);
	}

	@Test
	void hashWithTheDefaultsIsArgon2idAt16MibTwoIterationsOneLaneWithA16ByteSaltAnd32ByteHash() {
		PasswordHasher hasher = hasher(PasswordProperties.Argon2.DEFAULTS, ROOMY);

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
		PasswordHasher cheap = hasher(new PasswordProperties.Argon2(DataSize.ofKilobytes(64), 1, 2, 8, 16), ROOMY);
		String stored = hasher(PasswordProperties.Argon2.DEFAULTS, ROOMY).hash("an older password").block();

		String hash = cheap.hash("correct horse battery staple").block();

		assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=2$");
		String[] parts = hash.split("\\$");
		assertThat(Base64.getDecoder().decode(parts[4])).hasSize(8);
		assertThat(Base64.getDecoder().decode(parts[5])).hasSize(16);
		StepVerifier.create(cheap.matches("an older password", stored)).expectNext(true).verifyComplete();
	}

	@Test
	void matchesNothingAnswersFalseEvenForTheDummyPassword() {
		StepVerifier
			.create(hasher(PasswordProperties.Argon2.DEFAULTS, ROOMY).matchesNothing("correct horse battery staple"))
			.expectNext(false)
			.verifyComplete();
	}

	@Test
	void aHashThatWaitedLongerThanTheQueueTimeIsRefusedAsOverloaded() {
		PasswordHasher hasher = hasher(PasswordProperties.Argon2.DEFAULTS,
				new HashingProperties(1, Duration.ofMillis(50), 100));
		String hash = hasher.hash("a password").block();
		long started = System.nanoTime();
		List<Object> outcomes = Flux.range(0, 12)
			.flatMap((i) -> hasher.matches("a password", hash)
				.<Object>map((matches) -> matches)
				.onErrorResume(ProblemException.class, Mono::just), 12)
			.collectList()
			.block(Duration.ofSeconds(30));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

		assertThat(outcomes).contains(true);
		List<ProblemException> refused = outcomes.stream()
			.filter(ProblemException.class::isInstance)
			.map(ProblemException.class::cast)
			.toList();
		assertThat(refused).isNotEmpty().allSatisfy((problem) -> {
			assertThat(problem.status().value()).isEqualTo(503);
			assertThat(problem.code()).isEqualTo("overloaded");
			assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("2");
		});
		// twelve hashes on one thread would take twelve hash times; the bound sheds most
		assertThat(outcomes.size() - refused.size()).isLessThan(12);
		assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void aHashThatFindsAFreeThreadRuns() {
		PasswordHasher hasher = hasher(PasswordProperties.Argon2.DEFAULTS, ROOMY);
		String hash = hasher.hash("a password").block();
		assertThat(hasher.matches("a password", hash).block()).isTrue();
		assertThat(hasher.matchesNothing("a password").block()).isFalse();
	}

	private PasswordHasher hasher(PasswordProperties.Argon2 argon2, HashingProperties hashing) {
		PasswordHasher hasher = new PasswordHasher(
				new PasswordProperties(8, 128, false, false, false, false, 2, argon2), hashing);
		this.hashers.add(hasher);
		return hasher;
	}

}
