package dev.portcullis.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.portcullis.support.ProblemException;

/**
 * Creates {@code portcullis.bootstrap-admin.email} as a verified admin when no account
 * has that email. Runs once the application is ready, as a subscription (the password
 * hash is offloaded), so startup never blocks. Idempotent across instances: the unique
 * email index lets exactly one insert win, and the others find the account present. An
 * existing account is never promoted: someone could have signed up with that email before
 * the first start, and must not become an administrator that way.
 */
@Component
class BootstrapAdmin {

	private static final Logger logger = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final BootstrapAdminProperties properties;

	private final Users users;

	private final PasswordHasher hasher;

	private final Clock clock;

	private volatile Mono<Void> done = Mono.empty();

	BootstrapAdmin(BootstrapAdminProperties properties, Users users, PasswordHasher hasher, Clock clock) {
		this.properties = properties;
		this.users = users;
		this.hasher = hasher;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		if (!this.properties.enabled()) {
			return;
		}
		if (this.properties.password() == null || this.properties.password().isEmpty()) {
			logger.error("portcullis.bootstrap-admin.email is set without a password; no admin was created");
			return;
		}
		Mono<Void> creation = ensure().cache();
		this.done = creation;
		creation.subscribe(null, (ex) -> logger.error("Could not create the bootstrap admin: {}", ex.toString()));
	}

	/**
	 * Completes when the bootstrap started at readiness has finished (immediately if
	 * none).
	 */
	public Mono<Void> completion() {
		return this.done.onErrorResume((ex) -> Mono.empty());
	}

	private Mono<Void> ensure() {
		String email = this.properties.email().trim();
		return this.users.findByEmail(email).doOnNext((existing) -> {
			if (!existing.isAdmin()) {
				logger.warn("The bootstrap admin email belongs to an existing account without the admin role; "
						+ "it was left unchanged");
			}
		}).hasElement().flatMap((exists) -> exists ? Mono.empty() : create(email));
	}

	private Mono<Void> create(String email) {
		Instant now = this.clock.instant();
		return this.hasher.hash(this.properties.password())
			.map((hash) -> new User(UUID.randomUUID(), email, "Administrator", hash, true, List.of("user", "admin"),
					false, now))
			.flatMap(this.users::insert)
			.doOnNext((admin) -> logger.info("Created the bootstrap admin account {}", admin.id()))
			.onErrorResume(ProblemException.class, (ex) -> Mono.empty())
			.then();
	}

}
