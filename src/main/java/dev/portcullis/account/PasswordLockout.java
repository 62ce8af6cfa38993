package dev.portcullis.account;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.support.ClientInfo;

/**
 * The sign-in lockout ({@code portcullis.lockout.*}), decided after the password has been
 * checked: a wrong password is counted and may lock the account; a right one resets the
 * count, unless the account is locked, when even the right password gets
 * {@code 429 account_locked}. Deciding after the hash keeps each decision a single
 * statement, so no check-then-act window exists between two parallel attempts.
 * <p>
 * Records {@code sign_in.failed} for every failure, {@code account.locked} when a failure
 * reaches the threshold, and {@code account.unlocked} (reason {@code expired}) when an
 * attempt finds a lock that has run out; counts {@code portcullis.lockout.locked} and
 * {@code portcullis.lockout.refused} (attempts while locked).
 */
@Component
class PasswordLockout {

	static final String FACTOR = "password";

	private final LockCounter counter;

	private final SecurityEvents events;

	private final MeterRegistry meters;

	private final Clock clock;

	PasswordLockout(DatabaseClient db, LockoutProperties properties, SecurityEvents events, MeterRegistry meters,
			Clock clock) {
		this.counter = new LockCounter(db, "failed_attempts", "locked_until", properties.maxFailedAttempts(),
				properties.duration());
		this.events = events;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Counts a wrong password; errors with {@code 429 account_locked} if the account was
	 * locked.
	 */
	Mono<Void> failed(User user, ClientInfo client) {
		Instant now = this.clock.instant();
		return this.counter.fail(user.id(), now).flatMap((failure) -> {
			if (!failure.counted()) {
				return refused(user, client, failure.previousUntil(), now);
			}
			Mono<Void> recorded = Mono.empty();
			if (failure.expiredLockLifted()) {
				recorded = recorded.then(unlocked(user, client));
			}
			recorded = recorded.then(record("sign_in.failed", user, client,
					Map.of("reason", "invalid_password", "failedAttempts", failure.attempts())));
			if (failure.lockedNow()) {
				this.meters.counter("portcullis.lockout.locked", "factor", FACTOR).increment();
				recorded = recorded.then(record("account.locked", user, client, Map.of("factor", FACTOR,
						"failedAttempts", failure.attempts(), "lockedUntil", failure.lockedUntil().toString())));
			}
			return recorded;
		});
	}

	/**
	 * Resets the count; errors with {@code 429 account_locked} while the account is
	 * locked.
	 */
	Mono<Void> succeeded(User user, ClientInfo client) {
		Instant now = this.clock.instant();
		return this.counter.succeed(user.id(), now)
			.flatMap((previous) -> previous.isAfter(now) ? refused(user, client, previous, now)
					: unlocked(user, client));
	}

	/**
	 * An unknown email costs what a wrong password costs, so timing does not tell whether
	 * an account exists: the same counting statement (on an id no row has, so it changes
	 * nothing) and the same stored {@code sign_in.failed} event, filed under no user.
	 */
	Mono<Void> unknownAccount(ClientInfo client) {
		return this.counter.fail(UUID.randomUUID(), this.clock.instant())
			.then(record("sign_in.failed", null, client, Map.of("reason", "unknown_account")));
	}

	private Mono<Void> refused(User user, ClientInfo client, Instant until, Instant now) {
		this.meters.counter("portcullis.lockout.refused", "factor", FACTOR).increment();
		return record("sign_in.failed", user, client, Map.of("reason", "account_locked"))
			.then(Mono.error(AccountProblems.locked(until, now)));
	}

	private Mono<Void> unlocked(User user, ClientInfo client) {
		return record("account.unlocked", user, client, Map.of("factor", FACTOR, "reason", "expired"));
	}

	private Mono<Void> record(String type, User user, ClientInfo client, Map<String, Object> details) {
		return this.events.record(type, context(user, client, details)).then();
	}

	private static EventContext context(User user, ClientInfo client, Map<String, Object> details) {
		return new EventContext((user != null) ? user.id() : null, null, client.ipAddress(), client.userAgent(),
				new LinkedHashMap<>(details));
	}

}
