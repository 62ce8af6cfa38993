package dev.portcullis.session;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import dev.portcullis.support.IpPrefix;

/**
 * Sessions and their refresh-token chains in PostgreSQL. Every state change an attacker
 * could race is one conditional statement: rotation matches on the current token hash,
 * revocation on {@code revoked_at is null}, and the row count says who won.
 */
@Component
class SessionStore {

	private final DatabaseClient db;

	SessionStore(DatabaseClient db) {
		this.db = db;
	}

	Mono<Session> insert(Session session, byte[] tokenHash) {
		return this.db
			.sql("insert into sessions (id, user_id, current_token_hash, generation, remember_me, amr, "
					+ "auth_time, user_agent, ip_address, network, device_browser, device_os, device_type, created_at, "
					+ "last_active_at, expires_at, extended_at, absolute_expires_at) values (:id, :userId, :hash, 0, "
					+ ":rememberMe, :amr, :authTime, :ua, :ip, :network, :browser, :os, :type, :createdAt, :createdAt, "
					+ ":expiresAt, :createdAt, :absolute)")
			.bind("id", session.id())
			.bind("userId", session.userId())
			.bind("hash", tokenHash)
			.bind("rememberMe", session.rememberMe())
			.bind("amr", session.amr().toArray(String[]::new))
			.bind("authTime", session.authTime())
			.bind("ua", Parameter.fromOrEmpty(session.userAgent(), String.class))
			.bind("ip", Parameter.fromOrEmpty(session.ipAddress(), String.class))
			.bind("network", Parameter.fromOrEmpty(network(session.ipAddress()), String.class))
			.bind("browser", Parameter.fromOrEmpty(session.device().browser(), String.class))
			.bind("os", Parameter.fromOrEmpty(session.device().os(), String.class))
			.bind("type", session.device().type())
			.bind("createdAt", session.createdAt())
			.bind("expiresAt", session.expiresAt())
			.bind("absolute", session.absoluteExpiresAt())
			.then()
			.thenReturn(session);
	}

	/**
	 * Rotates the chain whose newest token has this hash, in one statement: the
	 * conditional update makes exactly one of any number of concurrent callers the winner
	 * (the others re-check the row after the winner commits and match nothing), and the
	 * presented hash moves into the history in the same statement.
	 * @param slideIfExtendedBefore the expiry slides only if it was last extended at or
	 * before this instant ({@code now − update-age})
	 * @param shortExpiry the expiry a refresh sets now, before the absolute cap
	 * @param longExpiry the same for a remember-me session
	 */
	Mono<Session> rotate(byte[] presentedHash, byte[] successorHash, Instant now, Instant slideIfExtendedBefore,
			Instant shortExpiry, Instant longExpiry) {
		return this.db.sql("""
				with rotated as (
				  update sessions set
				    current_token_hash = :successor,
				    generation = generation + 1,
				    last_active_at = :now,
				    expires_at = case when extended_at <= :slideBefore
				      then least(case when remember_me then :longExpiry else :shortExpiry end, absolute_expires_at)
				      else expires_at end,
				    extended_at = case when extended_at <= :slideBefore then :now else extended_at end
				  where current_token_hash = :presented and revoked_at is null and expires_at > :now
				  returning *
				), history as (
				  insert into refresh_token_history (token_hash, session_id, generation, rotated_at)
				  select :presented, id, generation - 1, :now from rotated
				)
				select * from rotated""")
			.bind("successor", successorHash)
			.bind("presented", presentedHash)
			.bind("now", now)
			.bind("slideBefore", slideIfExtendedBefore)
			.bind("shortExpiry", shortExpiry)
			.bind("longExpiry", longExpiry)
			.map(SessionStore::toSession)
			.one();
	}

	/**
	 * Finds the chain a token belongs to when it is not a rotatable newest token: either
	 * it is the newest token of a revoked or expired chain, or it was rotated away.
	 */
	Mono<TokenOwner> findOwner(byte[] tokenHash) {
		return this.db.sql("""
				select s.*, h.rotated_at as token_rotated_at, h.generation as token_generation
				  from refresh_token_history h join sessions s on s.id = h.session_id where h.token_hash = :hash
				union all
				select s.*, null, null from sessions s where s.current_token_hash = :hash""")
			.bind("hash", tokenHash)
			.map((row, meta) -> new TokenOwner(toSession(row), row.get("token_rotated_at", Instant.class),
					row.get("token_generation", Integer.class)))
			.first();
	}

	Mono<Session> findById(UUID id) {
		return this.db.sql("select * from sessions where id = :id").bind("id", id).map(SessionStore::toSession).one();
	}

	Mono<Session> findByCurrentToken(byte[] tokenHash) {
		return this.db.sql("select * from sessions where current_token_hash = :hash")
			.bind("hash", tokenHash)
			.map(SessionStore::toSession)
			.one();
	}

	Flux<Session> findActive(UUID userId, Instant now) {
		return this.db
			.sql("select * from sessions where user_id = :userId and revoked_at is null and expires_at > :now "
					+ "order by last_active_at desc, created_at desc")
			.bind("userId", userId)
			.bind("now", now)
			.map(SessionStore::toSession)
			.all();
	}

	/** Revokes one active session; empty when it was not active (or not the user's). */
	Mono<Ended> revoke(UUID sessionId, UUID userId, String reason, Instant now) {
		return this.db
			.sql("update sessions set revoked_at = :now, revoked_reason = :reason "
					+ "where id = :id and user_id = :userId and revoked_at is null and expires_at > :now "
					+ "returning id, created_at")
			.bind("now", now)
			.bind("reason", reason)
			.bind("id", sessionId)
			.bind("userId", userId)
			.map(SessionStore::toEnded)
			.one();
	}

	/** Revokes every active session of a user but {@code except} (may be null). */
	Flux<Ended> revokeAll(UUID userId, UUID except, String reason, Instant now) {
		return this.db
			.sql("update sessions set revoked_at = :now, revoked_reason = :reason "
					+ "where user_id = :userId and revoked_at is null and expires_at > :now "
					+ "and (cast(:except as uuid) is null or id <> :except) returning id, created_at")
			.bind("now", now)
			.bind("reason", reason)
			.bind("userId", userId)
			.bind("except", Parameter.fromOrEmpty(except, UUID.class))
			.map(SessionStore::toEnded)
			.all();
	}

	/**
	 * The network new-device detection compares: the /24 of an IPv4 address, the /64 of
	 * an IPv6 address (one customer's allocation). A phone moving between addresses of
	 * one home or office network is still "seen before"; the same browser elsewhere is
	 * not.
	 */
	static @Nullable String network(@Nullable String ipAddress) {
		return IpPrefix.of(ipAddress, 24, 64);
	}

	/**
	 * Whether the user has signed in before from this device (same browser, OS and type)
	 * on this network; see {@link #network}. Answers true for a user's first session
	 * ever, since a first sign-in is not news to anyone.
	 */
	Mono<Boolean> isKnownDevice(UUID userId, Device device, String network) {
		return this.db.sql("""
				select not exists (select 1 from sessions where user_id = :userId)
				    or exists (select 1 from sessions where user_id = :userId and device_type = :type
				      and device_browser is not distinct from :browser and device_os is not distinct from :os
				      and network is not distinct from :network) as known""")
			.bind("userId", userId)
			.bind("type", device.type())
			.bind("browser", Parameter.fromOrEmpty(device.browser(), String.class))
			.bind("os", Parameter.fromOrEmpty(device.os(), String.class))
			.bind("network", Parameter.fromOrEmpty(network, String.class))
			.map((row, meta) -> Boolean.TRUE.equals(row.get("known", Boolean.class)))
			.one();
	}

	/**
	 * Marks up to {@code limit} sessions that have run out (and were not revoked) as
	 * recorded, answering them. {@code SKIP LOCKED} lets several instances sweep at once:
	 * each row is claimed by exactly one of them.
	 */
	Flux<Ended> claimExpired(Instant now, int limit) {
		return this.db.sql("""
				update sessions set expiry_recorded = true where id in (
				  select id from sessions where revoked_at is null and not expiry_recorded and expires_at <= :now
				  order by expires_at limit :limit for update skip locked)
				returning id, user_id, created_at, expires_at""")
			.bind("now", now)
			.bind("limit", limit)
			.map((row, meta) -> new Ended(row.get("id", UUID.class), row.get("user_id", UUID.class),
					row.get("created_at", Instant.class), row.get("expires_at", Instant.class)))
			.all();
	}

	/**
	 * Deletes up to {@code limit} sessions that ended (expired or revoked) before
	 * {@code endedBefore}; their refresh-token history goes with them (on delete
	 * cascade). Rows another sweeper holds are skipped, never waited for or deleted
	 * twice.
	 */
	Mono<Long> deleteEnded(Instant endedBefore, int limit) {
		return this.db.sql("""
				delete from sessions where id in (
				  select id from sessions where revoked_at < :cutoff or expires_at < :cutoff
				  limit :limit for update skip locked)""")
			.bind("cutoff", endedBefore)
			.bind("limit", limit)
			.fetch()
			.rowsUpdated();
	}

	Mono<Long> countActive(Instant now) {
		return this.db.sql("select count(*) as active from sessions where revoked_at is null and expires_at > :now")
			.bind("now", now)
			.map((row, meta) -> row.get("active", Long.class))
			.one();
	}

	/**
	 * Sets a fresh authentication on an active session of the user; empty when it is not
	 * active.
	 */
	Mono<Session> stepUp(UUID sessionId, UUID userId, Instant authTime, List<String> amr) {
		return this.db
			.sql("update sessions set auth_time = :authTime, amr = :amr where id = :id and user_id = :userId "
					+ "and revoked_at is null and expires_at > :authTime returning *")
			.bind("authTime", authTime)
			.bind("amr", amr.toArray(String[]::new))
			.bind("id", sessionId)
			.bind("userId", userId)
			.map(SessionStore::toSession)
			.one();
	}

	private static Ended toEnded(Readable row) {
		return new Ended(row.get("id", UUID.class), null, row.get("created_at", Instant.class), null);
	}

	static Session toSession(Readable row) {
		String[] amr = row.get("amr", String[].class);
		return new Session(row.get("id", UUID.class), row.get("user_id", UUID.class),
				row.get("generation", Integer.class), Boolean.TRUE.equals(row.get("remember_me", Boolean.class)),
				(amr != null) ? Arrays.asList(amr) : List.of(), row.get("auth_time", Instant.class),
				row.get("user_agent", String.class), row.get("ip_address", String.class),
				new Device(row.get("device_browser", String.class), row.get("device_os", String.class),
						row.get("device_type", String.class)),
				row.get("created_at", Instant.class), row.get("last_active_at", Instant.class),
				row.get("expires_at", Instant.class), row.get("extended_at", Instant.class),
				row.get("absolute_expires_at", Instant.class), row.get("revoked_at", Instant.class));
	}

	/**
	 * A session that has just ended, with what its metrics need.
	 *
	 * @param expiresAt when it ran out; null for a revocation
	 */
	record Ended(UUID id, UUID userId, Instant createdAt, Instant expiresAt) {

	}

	/**
	 * The chain a presented token belongs to.
	 *
	 * @param rotatedAt when the token was rotated away; null if it is the newest token
	 */
	record TokenOwner(Session session, Instant rotatedAt, Integer tokenGeneration) {

		boolean isNewest() {
			return this.rotatedAt == null;
		}

	}

	/** Whether the session was revoked, and when it expires; empty for an unknown id. */
	Mono<SessionStatusCache.Status> status(UUID sessionId) {
		return this.db.sql("select revoked_at, expires_at from sessions where id = :id")
			.bind("id", sessionId)
			.map((row, meta) -> new SessionStatusCache.Status(row.get("revoked_at", Instant.class) != null,
					row.get("expires_at", Instant.class)))
			.one();
	}

}
