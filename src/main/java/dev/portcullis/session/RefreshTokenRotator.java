package dev.portcullis.session;

import java.util.Locale;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.crypto.Tokens;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenIssuer;

/**
 * Exchanges a refresh token for its successor. The happy path is one conditional UPDATE
 * (see {@link SessionStore#rotate}); only when it matches nothing is the token
 * classified: the newest token of an ended chain, a repeat of the parent within the grace
 * window (answered with the same, re-derived successor), or reuse of a rotated token,
 * which revokes the chain.
 *
 * <p>
 * Worked example, grace 10s: T0 rotates to T1 at 12:00:00. A parallel tab sending T0 at
 * 12:00:03 gets T1 again. T0 at 12:00:11 is reuse: the chain is revoked, and T1 then
 * answers {@code session_revoked}.
 */
@Component
public class RefreshTokenRotator {

	private final SessionStore store;

	private final RefreshTokens refreshTokens;

	private final AccessTokenIssuer accessTokens;

	private final Users users;

	private final SessionRevoker revoker;

	private final SessionProperties sessions;

	private final RefreshProperties properties;

	private final SecurityEvents events;

	private final MeterRegistry meters;

	private final Clock clock;

	RefreshTokenRotator(SessionStore store, RefreshTokens refreshTokens, AccessTokenIssuer accessTokens, Users users,
			SessionRevoker revoker, SessionProperties sessions, RefreshProperties properties, SecurityEvents events,
			MeterRegistry meters, Clock clock) {
		this.store = store;
		this.refreshTokens = refreshTokens;
		this.accessTokens = accessTokens;
		this.users = users;
		this.revoker = revoker;
		this.sessions = sessions;
		this.properties = properties;
		this.events = events;
		this.meters = meters;
		this.clock = clock;
	}

	public Mono<IssuedSession> rotate(String token, ClientInfo client) {
		if (!RefreshTokens.isWellFormed(token)) {
			return Mono.error(SessionProblems.invalidRefreshToken());
		}
		Instant now = this.clock.instant();
		byte[] hash = Tokens.hash(token);
		return this.refreshTokens.successorOf(token)
			.flatMap((successor) -> rotate(hash, successor, now, client)
				.flatMap((session) -> issue(session, successor)));
	}

	private Mono<Session> rotate(byte[] hash, String successor, Instant now, ClientInfo client) {
		return this.store
			.rotate(hash, Tokens.hash(successor), now, now.minus(this.sessions.updateAge()),
					now.plus(this.sessions.expiresIn()), now.plus(this.sessions.rememberMeExpiresIn()))
			.doOnNext((session) -> refreshed(session, client))
			.switchIfEmpty(Mono.defer(() -> classify(hash, now, client)));
	}

	private Mono<Session> classify(byte[] hash, Instant now, ClientInfo client) {
		return this.store.findOwner(hash)
			.switchIfEmpty(Mono.error(SessionProblems.invalidRefreshToken()))
			.flatMap((owner) -> owner.isNewest() ? ended(owner.session(), now) : rotatedAway(owner, now, client));
	}

	private Mono<Session> ended(Session session, Instant now) {
		if (session.isRevoked()) {
			return Mono.error(SessionProblems.revoked());
		}
		return Mono.error(SessionProblems.expired());
	}

	private Mono<Session> rotatedAway(SessionStore.TokenOwner owner, Instant now, ClientInfo client) {
		Session session = owner.session();
		boolean inGrace = !owner.rotatedAt().plus(this.properties.reuseGrace()).isBefore(now);
		boolean parentOfNewest = owner.tokenGeneration() == session.generation() - 1;
		if (inGrace && parentOfNewest) {
			return session.isActiveAt(now) ? Mono.just(session) : ended(session, now);
		}
		return revokeForReuse(session, client).then(Mono.error(SessionProblems.reused()));
	}

	private Mono<Void> revokeForReuse(Session session, ClientInfo client) {
		EventContext context = EventContext.of(session.userId(), session.id(), client);
		Mono<Integer> revocation = (this.properties.reuseAction() == RefreshProperties.ReuseAction.REVOKE_ALL_SESSIONS)
				? this.revoker.revokeAll(session.userId(), null, "refresh_token_reused", context)
				: this.revoker.revoke(session.userId(), session.id(), "refresh_token_reused", context);
		// Only a revocation that ended something is an event (and a mail): replaying an
		// old token of a chain already revoked changes nothing and must cost nothing.
		return revocation.filter((revoked) -> revoked > 0)
			.flatMap((revoked) -> this.events.record("refresh_token.reuse_detected",
					context.withDetails(Map.of("sessionsRevoked", revoked, "action",
							this.properties.reuseAction().name().toLowerCase(Locale.ROOT).replace('_', '-')))))
			.then();
	}

	private Mono<IssuedSession> issue(Session session, String successor) {
		return this.users.findById(session.userId())
			.switchIfEmpty(Mono.error(SessionProblems.invalidRefreshToken()))
			.flatMap((user) -> this.accessTokens
				.issue(user.id(), session.id(), session.authTime(), session.amr(), user.roles())
				.map((access) -> new IssuedSession(session, user, successor, access)));
	}

	private void refreshed(Session session, ClientInfo client) {
		this.meters.counter("portcullis.sessions.refreshed").increment();
		this.events.logOnly("session.refreshed", EventContext.of(session.userId(), session.id(), client));
	}

}
