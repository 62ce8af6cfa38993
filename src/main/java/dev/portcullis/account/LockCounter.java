package dev.portcullis.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Consecutive failures and the lock they lead to, kept in two columns of {@code users}
 * (so a lock is as durable as the account). Each operation is one statement: the row is
 * taken with {@code FOR UPDATE}, so concurrent attempts on one account run one after
 * another and each sees the count the previous one left. 50 parallel failures thus count
 * 1, 2, …, max, and every later one finds the lock; none is counted twice or missed. A
 * failure while locked changes nothing (the lock is not extended); the first attempt
 * after the lock ran out starts a new count.
 */
final class LockCounter {

	private final DatabaseClient db;

	private final String failureSql;

	private final String successSql;

	private final String lockSql;

	private final int maxFailedAttempts;

	private final Duration duration;

	LockCounter(DatabaseClient db, String countColumn, String untilColumn, int maxFailedAttempts, Duration duration) {
		this.db = db;
		this.maxFailedAttempts = maxFailedAttempts;
		this.duration = duration;
		String current = "with current as (select id, " + countColumn + " as attempts, " + untilColumn
				+ " as until from users where id = :id for update)";
		this.failureSql = current + ", counted as (update users u set " + countColumn
				+ " = case when c.until is null then c.attempts + 1 else 1 end, " + untilColumn
				+ " = case when (case when c.until is null then c.attempts + 1 else 1 end) >= :max then :lockUntil else null end"
				+ " from current c where u.id = c.id and (c.until is null or c.until <= :now) returning u.id, u."
				+ countColumn + " as attempts, u." + untilColumn + " as until)"
				+ " select c.until as previous_until, n.id is not null as counted, n.attempts, n.until as locked_until"
				+ " from current c left join counted n on true";
		this.successSql = current + ", reset as (update users u set " + countColumn + " = 0, " + untilColumn
				+ " = null from current c where u.id = c.id and (c.until is null or c.until <= :now)"
				+ " and (c.attempts > 0 or c.until is not null) returning u.id)"
				+ " select c.until as previous_until from current c";
		this.lockSql = "select " + untilColumn + " as until from users where id = :id";
	}

	/** Counts a failure unless locked; empty when the user does not exist. */
	Mono<Failure> fail(UUID userId, Instant now) {
		return this.db.sql(this.failureSql)
			.bind("id", userId)
			.bind("now", now)
			.bind("max", this.maxFailedAttempts)
			.bind("lockUntil", now.plus(this.duration))
			.map((row, meta) -> new Failure(row.get("previous_until", Instant.class),
					Boolean.TRUE.equals(row.get("counted", Boolean.class)), row.get("attempts", Integer.class),
					row.get("locked_until", Instant.class)))
			.one();
	}

	/**
	 * Resets the count unless locked; answers the lock the row had before (an expired one
	 * was lifted now), or empty when there was none or the user does not exist.
	 */
	Mono<Instant> succeed(UUID userId, Instant now) {
		return this.db.sql(this.successSql)
			.bind("id", userId)
			.bind("now", now)
			.map((row, meta) -> Optional.ofNullable(row.get("previous_until", Instant.class)))
			.one()
			.flatMap(Mono::justOrEmpty);
	}

	/** The lock in force now, if any. */
	Mono<Instant> lockedUntil(UUID userId, Instant now) {
		return this.db.sql(this.lockSql)
			.bind("id", userId)
			.map((row, meta) -> Optional.ofNullable(row.get("until", Instant.class)))
			.one()
			.flatMap(Mono::justOrEmpty)
			.filter((until) -> until.isAfter(now));
	}

	int maxFailedAttempts() {
		return this.maxFailedAttempts;
	}

	/**
	 * @param previousUntil the lock before this attempt (in force, expired, or null)
	 * @param counted false when the account was locked and nothing changed
	 * @param attempts the count after this failure
	 * @param lockedUntil the lock this failure set, or null
	 */
	record Failure(Instant previousUntil, boolean counted, Integer attempts, Instant lockedUntil) {

		boolean lockedNow() {
			return this.counted && this.lockedUntil != null;
		}

		boolean expiredLockLifted() {
			return this.counted && this.previousUntil != null;
		}

	}

}
