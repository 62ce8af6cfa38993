package dev.portcullis.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.User;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.crypto.Tokens;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenIssuer;

/** Starts a session for a user who has just proved who they are. */
@Component
public class SessionStarter {

	private final SessionStore store;

	private final RefreshTokens refreshTokens;

	private final AccessTokenIssuer accessTokens;

	private final DeviceDetector devices;

	private final SessionProperties properties;

	private final SecurityEvents events;

	private final MeterRegistry meters;

	private final Clock clock;

	SessionStarter(SessionStore store, RefreshTokens refreshTokens, AccessTokenIssuer accessTokens,
			DeviceDetector devices, SessionProperties properties, SecurityEvents events, MeterRegistry meters,
			Clock clock) {
		this.store = store;
		this.refreshTokens = refreshTokens;
		this.accessTokens = accessTokens;
		this.devices = devices;
		this.properties = properties;
		this.events = events;
		this.meters = meters;
		this.clock = clock;
	}

	/** @param amr how the user authenticated: {@code ["pwd"]} or {@code ["pwd","otp"]} */
	public Mono<IssuedSession> start(User user, List<String> amr, boolean rememberMe, ClientInfo client) {
		Instant now = this.clock.instant();
		Instant absolute = now.plus(this.properties.absoluteLifetime());
		Instant expiresAt = min(now.plus(this.properties.lifetime(rememberMe)), absolute);
		Session session = new Session(UUID.randomUUID(), user.id(), 0, rememberMe, amr, now, client.userAgent(),
				client.ipAddress(), this.devices.detect(client.userAgent()), now, now, expiresAt, now, absolute, null);
		String token = this.refreshTokens.root();
		return this.store.insert(session, Tokens.hash(token))
			.flatMap((saved) -> this.accessTokens.issue(user.id(), saved.id(), now, amr, user.roles())
				.map((access) -> new IssuedSession(saved, user, token, access)))
			.flatMap((issued) -> this.events
				.record("session.created",
						EventContext.of(user.id(), session.id(), client.ipAddress(), client.userAgent()))
				.doOnSuccess((event) -> this.meters.counter("portcullis.sessions.created").increment())
				.thenReturn(issued));
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
