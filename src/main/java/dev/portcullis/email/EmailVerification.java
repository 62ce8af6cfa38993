package dev.portcullis.email;

import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.support.ClientInfo;

/**
 * Proves that a user owns their address: a verification mail with a single-use link (TTL
 * {@code portcullis.email.verification.ttl}) on sign-up and on request; using the link
 * marks the address verified and records {@code email.verified}.
 */
@Component
public class EmailVerification {

	private static final Logger logger = LoggerFactory.getLogger(EmailVerification.class);

	private final Users users;

	private final EmailTokens tokens;

	private final Outbox outbox;

	private final EmailLinks links;

	private final EmailProperties properties;

	private final SecurityEvents events;

	private final TransactionalOperator transactions;

	private final Clock clock;

	EmailVerification(Users users, EmailTokens tokens, Outbox outbox, EmailLinks links, EmailProperties properties,
			SecurityEvents events, TransactionalOperator transactions, Clock clock) {
		this.users = users;
		this.tokens = tokens;
		this.outbox = outbox;
		this.links = links;
		this.properties = properties;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Queues a verification mail with a new token; runs in the caller's transaction. */
	Mono<Void> send(User user) {
		return this.tokens.issue(user.id(), EmailTokens.Purpose.VERIFY_EMAIL, this.properties.verification().ttl())
			.flatMap((token) -> {
				Map<String, String> model = MailModel.of(user);
				model.put("link", this.links.verification(token));
				model.put("ttl", MailModel.duration(this.properties.verification().ttl()));
				return this.outbox.enqueue(user.email(), MailTemplate.VERIFY_EMAIL, model);
			});
	}

	/**
	 * Sends a new link if the address belongs to an unverified account; otherwise does
	 * nothing. Completes at once: the work runs after the caller has answered, so neither
	 * the answer nor its timing tells whether the account exists.
	 */
	public Mono<Void> resend(String email) {
		return Mono.fromRunnable(() -> this.users.findByEmail(email)
			.filter((user) -> !user.emailVerified())
			.flatMap((user) -> this.transactions.transactional(send(user)))
			.subscribe(null, (ex) -> logger.error("Could not queue a verification mail: {}", ex.toString())));
	}

	/** Uses a verification token; answers the now verified user. */
	public Mono<User> verify(String token, ClientInfo client) {
		return this.transactions.transactional(this.tokens.consume(token, EmailTokens.Purpose.VERIFY_EMAIL)
			.flatMap((userId) -> this.users.markEmailVerified(userId, this.clock.instant())
				.flatMap((changed) -> changed
						? this.events.record("email.verified", EventContext.of(userId, null, client)).then()
						: Mono.empty())
				.then(this.tokens.revokeAll(userId, EmailTokens.Purpose.VERIFY_EMAIL))
				.then(this.users.findById(userId))));
	}

}
