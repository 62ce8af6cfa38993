package dev.portcullis.account;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.portcullis.support.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTests {

	@Test
	void aHashThatWaitedLongerThanTheQueueTimeIsRefusedAsOverloaded() {
		PasswordHasher hasher = new PasswordHasher(new HashingProperties(1, Duration.ofMillis(50), 100));
		try {
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
			// twelve hashes on one thread would take twelve hash times; the bound sheds
			// most
			assertThat(outcomes.size() - refused.size()).isLessThan(12);
			assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
		}
		finally {
			hasher.destroy();
		}
	}

	@Test
	void aHashThatFindsAFreeThreadRuns() {
		PasswordHasher hasher = new PasswordHasher(new HashingProperties(1, Duration.ofSeconds(5), 100));
		try {
			String hash = hasher.hash("a password").block();
			assertThat(hasher.matches("a password", hash).block()).isTrue();
			assertThat(hasher.matchesNothing("a password").block()).isFalse();
		}
		finally {
			hasher.destroy();
		}
	}

}
