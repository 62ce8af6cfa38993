package dev.portcullis.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.support.ClientInfo;

/** Creates accounts: policy check, Argon2id hash off the event loop, unique insert. */
@Component
public class SignUp {

	private final Users users;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final SecurityEvents events;

	private final Clock clock;

	SignUp(Users users, PasswordPolicy policy, PasswordHasher hasher, SecurityEvents events, Clock clock) {
		this.users = users;
		this.policy = policy;
		this.hasher = hasher;
		this.events = events;
		this.clock = clock;
	}

	public Mono<User> signUp(String email, String password, String name, ClientInfo client) {
		return create(email.trim(), password, name, List.of("user"), false)
			.flatMap((user) -> this.events
				.record("user.signed_up", EventContext.of(user.id(), null, client.ipAddress(), client.userAgent()))
				.thenReturn(user));
	}

	Mono<User> create(String email, String password, String name, List<String> roles, boolean emailVerified) {
		return this.policy.check(password, email, name)
			.then(this.hasher.hash(password))
			.flatMap((hash) -> {
				Instant now = this.clock.instant();
				return this.users.insert(new User(UUID.randomUUID(), email, blankToNull(name), hash, emailVerified, roles,
						false, now));
			});
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
