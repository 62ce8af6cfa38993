package dev.portcullis.account;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.support.ClientInfo;

/**
 * Creates accounts: policy check, Argon2id hash off the event loop, unique insert. The
 * account and its {@code user.signed_up} event (with whatever listeners write for it,
 * such as the verification mail) commit in one transaction.
 */
@Component
public class SignUp {

	private final Users users;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final SecurityEvents events;

	private final Clock clock;

	private final TransactionalOperator transactions;

	SignUp(Users users, PasswordPolicy policy, PasswordHasher hasher, SecurityEvents events, Clock clock,
			TransactionalOperator transactions) {
		this.users = users;
		this.policy = policy;
		this.hasher = hasher;
		this.events = events;
		this.clock = clock;
		this.transactions = transactions;
	}

	public Mono<User> signUp(String email, String password, String name, ClientInfo client) {
		return newUser(email.trim(), password, name, List.of("user"), false)
			.flatMap(
					(user) -> this.transactions.transactional(this.users.insert(user)
						.flatMap((saved) -> this.events
							.record("user.signed_up", EventContext.of(saved.id(), null, client))
							.thenReturn(saved))));
	}

	Mono<User> create(String email, String password, String name, List<String> roles, boolean emailVerified) {
		return newUser(email, password, name, roles, emailVerified).flatMap(this.users::insert);
	}

	private Mono<User> newUser(String email, String password, String name, List<String> roles, boolean emailVerified) {
		return this.policy.check(password, email, name)
			.then(this.hasher.hash(password))
			.map((hash) -> new User(UUID.randomUUID(), email, blankToNull(name), hash, emailVerified, roles, false,
					this.clock.instant()));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
