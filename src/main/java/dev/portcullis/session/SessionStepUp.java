package dev.portcullis.session;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.User;
import dev.portcullis.token.AccessTokenIssuer;
import dev.portcullis.token.IssuedAccessToken;

/**
 * Records a re-authentication on an existing session: {@code auth_time} becomes now and
 * {@code amr} the factors just given, on the session row, so tokens from later refreshes
 * carry them too; answers a new access token for the same session. The refresh chain is
 * untouched.
 */
@Component
public class SessionStepUp {

	private final SessionStore store;

	private final AccessTokenIssuer accessTokens;

	private final Clock clock;

	SessionStepUp(SessionStore store, AccessTokenIssuer accessTokens, Clock clock) {
		this.store = store;
		this.accessTokens = accessTokens;
		this.clock = clock;
	}

	/** Errors {@code 401 session_revoked} when the session ended meanwhile. */
	public Mono<IssuedAccessToken> stepUp(User user, UUID sessionId, List<String> amr) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		return this.store.stepUp(sessionId, user.id(), now, amr)
			.switchIfEmpty(Mono.error(SessionProblems::revoked))
			.flatMap((session) -> this.accessTokens.issue(user.id(), session.id(), now, amr, user.roles()));
	}

}
