package dev.portcullis.session;

import java.time.Clock;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.crypto.Tokens;

/** Read access to sessions for the web layer and other features. */
@Component
public class Sessions {

	private final SessionStore store;

	private final Clock clock;

	Sessions(SessionStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	public Mono<Session> findById(UUID sessionId) {
		return this.store.findById(sessionId);
	}

	/**
	 * The session a refresh token belongs to, whether it is the newest or a rotated one.
	 */
	public Mono<Session> findByRefreshToken(String token) {
		if (!RefreshTokens.isWellFormed(token)) {
			return Mono.empty();
		}
		return this.store.findOwner(Tokens.hash(token)).map(SessionStore.TokenOwner::session);
	}

	/** The user's active sessions, most recently active first. */
	public Flux<Session> active(UUID userId) {
		return this.store.findActive(userId, this.clock.instant());
	}

}
