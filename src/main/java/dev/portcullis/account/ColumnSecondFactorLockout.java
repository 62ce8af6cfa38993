package dev.portcullis.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;

/**
 * The second-factor lockout ({@code portcullis.lockout.second-factor.*}) in
 * {@code users.second_factor_failed_attempts} and
 * {@code users.second_factor_locked_until} (V3), counted like the password lockout
 * ({@link LockCounter}) but apart from it: a wrong TOTP or backup code never locks
 * password sign-in, and the reverse.
 * <p>
 * Events carry the user only: the callers' signature has no request to take an address
 * from.
 */
@Component
class ColumnSecondFactorLockout implements SecondFactorLockout {

	static final String FACTOR = "second_factor";

	private final LockCounter counter;

	private final SecurityEvents events;

	private final MeterRegistry meters;

	private final Clock clock;

	ColumnSecondFactorLockout(DatabaseClient db, LockoutProperties properties, SecurityEvents events,
			MeterRegistry meters, Clock clock) {
		this.counter = new LockCounter(db, "second_factor_failed_attempts", "second_factor_locked_until",
				properties.secondFactor().maxFailedAttempts(), properties.secondFactor().duration());
		this.events = events;
		this.meters = meters;
		this.clock = clock;
	}

	@Override
	public Mono<Void> checkNotLocked(UUID userId) {
		Instant now = this.clock.instant();
		return this.counter.lockedUntil(userId, now).flatMap((until) -> refused(until, now));
	}

	/**
	 * Also errors with {@code 429 account_locked} when a parallel attempt locked it first
	 * (nothing counted).
	 */
	@Override
	public Mono<Void> recordFailure(UUID userId) {
		Instant now = this.clock.instant();
		return this.counter.fail(userId, now).flatMap((failure) -> {
			if (!failure.counted()) {
				return refused(failure.previousUntil(), now);
			}
			Mono<Void> recorded = failure.expiredLockLifted() ? unlocked(userId) : Mono.empty();
			if (failure.lockedNow()) {
				this.meters.counter("portcullis.lockout.locked", "factor", FACTOR).increment();
				recorded = recorded.then(record("account.locked", userId, Map.of("factor", FACTOR, "failedAttempts",
						failure.attempts(), "lockedUntil", failure.lockedUntil().toString())));
			}
			return recorded;
		});
	}

	/**
	 * Errors with {@code 429 account_locked} when a lock is in force, as the password
	 * path does: a right code checked in parallel with the attempt that locks must not
	 * sign in (the row lock orders the two; whichever comes second sees the first).
	 */
	@Override
	public Mono<Void> recordSuccess(UUID userId) {
		Instant now = this.clock.instant();
		return this.counter.succeed(userId, now)
			.flatMap((previous) -> previous.isAfter(now) ? refused(previous, now) : unlocked(userId));
	}

	private Mono<Void> refused(Instant until, Instant now) {
		this.meters.counter("portcullis.lockout.refused", "factor", FACTOR).increment();
		return Mono.error(AccountProblems.locked(until, now));
	}

	private Mono<Void> unlocked(UUID userId) {
		return record("account.unlocked", userId, Map.of("factor", FACTOR, "reason", "expired"));
	}

	private Mono<Void> record(String type, UUID userId, Map<String, Object> details) {
		return this.events.record(type, new EventContext(userId, null, null, null, details)).then();
	}

}
