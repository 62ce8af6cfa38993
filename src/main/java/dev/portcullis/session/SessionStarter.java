package dev.portcullis.session;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

	/**
	 * Starts a session. A sign-in from a device (browser, OS and type) and network (see
	 * {@link SessionStore#network}) not seen among the user's earlier sessions also
	 * records {@code session.new_device}.
	 * @param amr how the user authenticated: {@code ["pwd"]} or {@code ["pwd","otp"]}
	 */
	public Mono<IssuedSession> start(User user, List<String> amr, boolean rememberMe, ClientInfo client) {
		return this.devices.detectOffLoop(client.userAgent())
			.flatMap((device) -> start(user, amr, rememberMe, client, device));
	}

	private Mono<IssuedSession> start(User user, List<String> amr, boolean rememberMe, ClientInfo client,
			Device device) {
		// PostgreSQL keeps microseconds: the times answered now must equal those read
		// back later.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant absolute = now.plus(this.properties.absoluteLifetime());
		Instant expiresAt = min(now.plus(this.properties.lifetime(rememberMe)), absolute);
		Session session = new Session(UUID.randomUUID(), user.id(), 0, rememberMe, amr, now, client.userAgent(),
				client.ipAddress(), device, now, now, expiresAt, now, absolute, null);
		String token = this.refreshTokens.root();
		EventContext context = EventContext.of(user.id(), session.id(), client);
		return this.store.isKnownDevice(user.id(), device, SessionStore.network(client.ipAddress()))
			.flatMap((known) -> this.store.insert(session, Tokens.hash(token))
				.flatMap((saved) -> this.events.record("session.created", context))
				// Not "sessions.created": Prometheus reserves the _created suffix and
				// would expose
				// that counter as portcullis_sessions_total.
				.doOnSuccess((event) -> this.meters.counter("portcullis.sessions.started").increment())
				.then(known ? Mono.empty() : newDevice(device, client, context)))
			.then(this.accessTokens.issue(user.id(), session.id(), now, amr, user.roles()))
			.map((access) -> new IssuedSession(session, user, token, access));
	}

	private Mono<Void> newDevice(Device device, ClientInfo client, EventContext context) {
		Map<String, Object> details = new HashMap<>();
		details.put("type", device.type());
		putIfKnown(details, "browser", device.browser());
		putIfKnown(details, "os", device.os());
		putIfKnown(details, "network", SessionStore.network(client.ipAddress()));
		return this.events.record("session.new_device", context.withDetails(details)).then();
	}

	private static void putIfKnown(Map<String, Object> details, String key, String value) {
		if (value != null) {
			details.put(key, value);
		}
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
