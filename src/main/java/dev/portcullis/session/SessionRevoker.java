package dev.portcullis.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;

/**
 * Ends sessions: one, all but the caller's, or all. Each revocation is a conditional
 * update (only active sessions change), is announced to every instance through
 * {@link SessionStatusCache}, and is recorded as {@code session.revoked}.
 */
@Component
public class SessionRevoker {

	private final SessionStore store;

	private final SessionStatusCache status;

	private final SecurityEvents events;

	private final MeterRegistry meters;

	private final SessionMetrics metrics;

	private final Clock clock;

	private final TwoFactorChallenges challenges;

	SessionRevoker(SessionStore store, SessionStatusCache status, SecurityEvents events, MeterRegistry meters,
			SessionMetrics metrics, TwoFactorChallenges challenges, Clock clock) {
		this.challenges = challenges;
		this.store = store;
		this.status = status;
		this.events = events;
		this.meters = meters;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** Revokes one of the user's active sessions; answers how many changed (0 or 1). */
	public Mono<Integer> revoke(UUID userId, UUID sessionId, String reason, EventContext context) {
		Instant now = this.clock.instant();
		return this.store.revoke(sessionId, userId, reason, now)
			.flux()
			.collectList()
			.flatMap((revoked) -> announce(revoked, reason, context, now));
	}

	/**
	 * Revokes every active session of the user except {@code keep} (null keeps none), and
	 * discards the user's open two-factor sign-in challenges: password reset, password
	 * change and forced logout all end here, and a half-finished sign-in must not outlive
	 * them.
	 */
	public Mono<Integer> revokeAll(UUID userId, UUID keep, String reason, EventContext context) {
		Instant now = this.clock.instant();
		return this.challenges.discardAll(userId)
			.thenMany(this.store.revokeAll(userId, keep, reason, now))
			.collectList()
			.flatMap((revoked) -> announce(revoked, reason, context, now));
	}

	private Mono<Integer> announce(List<SessionStore.Ended> ended, String reason, EventContext context, Instant now) {
		this.meters.counter("portcullis.sessions.revoked", "reason", reason).increment(ended.size());
		ended.forEach((session) -> this.metrics.revoked(session.createdAt(), now));
		List<UUID> revoked = ended.stream().map(SessionStore.Ended::id).toList();
		return this.status.publishRevoked(revoked)
			.thenMany(Flux.fromIterable(revoked))
			.concatMap((id) -> this.events.record("session.revoked",
					new EventContext(context.userId(), id, context.ipAddress(), context.userAgent(),
							Map.of("reason", reason))))
			.then(Mono.just(revoked.size()));
	}

}
