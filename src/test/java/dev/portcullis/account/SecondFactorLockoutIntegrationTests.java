package dev.portcullis.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.ProblemException;
import dev.portcullis.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The second-factor lockout as the two-factor feature calls it (defaults: 5 failures, 15
 * minutes).
 */
class SecondFactorLockoutIntegrationTests extends IntegrationTest {

	@Autowired
	private SecondFactorLockout lockout;

	@Autowired
	private AccountLocks locks;

	@Test
	void fiveWrongCodesLockTheSecondFactorWithARetryAfter() {
		UUID user = newUser();
		failTimes(user, 4);
		this.lockout.checkNotLocked(user).block();
		this.lockout.recordFailure(user).block();

		ProblemException locked = refusal(this.lockout.checkNotLocked(user));
		assertThat(locked.status().value()).isEqualTo(429);
		assertThat(locked.code()).isEqualTo("account_locked");
		assertThat(locked.headers().getFirst("Retry-After")).isEqualTo("900");
		assertThat(lockedUntil(user)).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(15)));
	}

	@Test
	void parallelWrongCodesNeverCountPastTheThreshold() {
		UUID user = newUser();
		List<Boolean> counted = Flux.range(0, 30)
			.flatMap((i) -> this.lockout.recordFailure(user)
				.thenReturn(true)
				.onErrorResume(ProblemException.class, (ex) -> Mono.just(false)), 30)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(counted).filteredOn((value) -> value).hasSize(5);
	}

	@Test
	void failuresWhileLockedDoNotExtendItAndItRunsOutByItself() {
		UUID user = newUser();
		failTimes(user, 5);
		this.clock.advance(Duration.ofMinutes(10));
		ProblemException refused = refusal(this.lockout.recordFailure(user));
		assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("300");
		assertThat(lockedUntil(user)).isEqualTo(MutableClock.START.plus(Duration.ofMinutes(15)));

		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		StepVerifier.create(this.lockout.checkNotLocked(user)).verifyComplete();
	}

	@Test
	void aRightCodeResetsTheCount() {
		UUID user = newUser();
		failTimes(user, 4);
		this.lockout.recordSuccess(user).block();
		assertThat(failedAttempts(user)).isZero();

		failTimes(user, 4);
		assertThat(failedAttempts(user)).isEqualTo(4);
		StepVerifier.create(this.lockout.checkNotLocked(user)).verifyComplete();
		failTimes(user, 1);
		refusal(this.lockout.checkNotLocked(user));
	}

	@Test
	void aRightCodeCheckedBeforeTheLockButRecordedAfterItIsRefused() {
		UUID user = newUser();
		failTimes(user, 4);
		this.lockout.checkNotLocked(user).block();
		this.lockout.recordFailure(user).block();
		ProblemException refused = refusal(this.lockout.recordSuccess(user));
		assertThat(refused.code()).isEqualTo("account_locked");
	}

	@Test
	void aRightCodeRacingTheLockingAttemptNeverSucceedsWhileLocked() {
		UUID user = newUser();
		for (int round = 0; round < 15; round++) {
			assertThat(this.locks.unlock(user).block()).isTrue();
			failTimes(user, 4);
			Mono<Boolean> right = this.lockout.checkNotLocked(user)
				.then(this.lockout.recordSuccess(user))
				.thenReturn(true)
				.onErrorResume(ProblemException.class, (ex) -> Mono.just(false));
			Mono<Void> locking = this.lockout.recordFailure(user)
				.onErrorResume(ProblemException.class, (ex) -> Mono.empty());
			Boolean signedIn = Mono
				.zip(right.subscribeOn(reactor.core.scheduler.Schedulers.parallel()),
						locking.subscribeOn(reactor.core.scheduler.Schedulers.parallel()).thenReturn(true))
				.map(reactor.util.function.Tuple2::getT1)
				.block(Duration.ofSeconds(30));
			boolean locked = this.lockout.checkNotLocked(user)
				.thenReturn(false)
				.onErrorResume(ProblemException.class, (ex) -> Mono.just(true))
				.block();
			assertThat(signedIn).as("round %d: the right code succeeded xor the wrong one locked", round)
				.isNotEqualTo(locked);
		}
	}

	@Test
	void itIsApartFromThePasswordLockout() {
		String email = AuthClient.uniqueEmail();
		UUID user = UUID.fromString(auth().signUp(email).get("user").get("id").asString());
		failTimes(user, 5);
		auth().signIn(email);
		refusal(this.lockout.checkNotLocked(user));
	}

	@Test
	void anAdminUnlockLiftsIt() {
		UUID user = newUser();
		failTimes(user, 5);
		assertThat(this.locks.unlock(user).block()).isTrue();

		assertThat(failedAttempts(user)).isZero();
		assertThat(lockedUntil(user)).isNull();
		StepVerifier.create(this.lockout.checkNotLocked(user)).verifyComplete();
	}

	private static int failedAttempts(UUID user) {
		return TestDatabase.get()
			.value(Integer.class, "select second_factor_failed_attempts from users where id = ?", user);
	}

	private static Instant lockedUntil(UUID user) {
		return TestDatabase.get()
			.value(Instant.class, "select second_factor_locked_until from users where id = ?", user);
	}

	private UUID newUser() {
		return UUID.fromString(auth().signUp(AuthClient.uniqueEmail()).get("user").get("id").asString());
	}

	private void failTimes(UUID user, int times) {
		for (int i = 0; i < times; i++) {
			this.lockout.recordFailure(user).block();
		}
	}

	private static ProblemException refusal(Mono<Void> attempt) {
		return assertThatExceptionOfType(ProblemException.class).isThrownBy(attempt::block).actual();
	}

}
