package dev.portcullis.password;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.portcullis.account.PasswordHasher;
import dev.portcullis.account.PasswordPolicy;
import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.email.PasswordResetTokens;
import dev.portcullis.session.SessionRevoker;
import dev.portcullis.support.ClientInfo;

/**
 * Forgotten passwords: a reset mail with a single-use link (TTL
 * {@code portcullis.email.password-reset.ttl}); using it sets a new password that passes
 * the password policy, voids the user's other reset links, records {@code password.reset}
 * (which queues the confirmation mail in the same transaction) and then revokes every
 * session of the user. Receiving the mail proves the address, so a reset also marks it
 * verified.
 */
@Component
public class PasswordReset {

	private static final Logger logger = LoggerFactory.getLogger(PasswordReset.class);

	private final Users users;

	private final PasswordResetTokens tokens;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final SecurityEvents events;

	private final SessionRevoker revoker;

	private final TransactionalOperator transactions;

	private final Clock clock;

	PasswordReset(Users users, PasswordResetTokens tokens, PasswordPolicy policy, PasswordHasher hasher,
			SecurityEvents events, SessionRevoker revoker, TransactionalOperator transactions, Clock clock) {
		this.users = users;
		this.tokens = tokens;
		this.policy = policy;
		this.hasher = hasher;
		this.events = events;
		this.revoker = revoker;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Sends a reset link if the address belongs to an account. Completes at once: the
	 * work runs after the caller has answered, so neither the answer nor its timing tells
	 * whether the account exists.
	 */
	public Mono<Void> forgot(String email) {
		return Mono.fromRunnable(() -> this.users.findByEmail(email)
			.flatMap((user) -> this.transactions.transactional(this.tokens.send(user)))
			.subscribe(null, (ex) -> logger.error("Could not queue a password reset mail: {}", ex.toString())));
	}

	/**
	 * Sets a new password with a reset token. The token is checked first and used up only
	 * once the new password has passed the policy, so a weak password can be corrected
	 * with the same link. Answers how many sessions were revoked.
	 */
	public Mono<Integer> reset(String token, String newPassword, ClientInfo client) {
		return this.tokens.holder(token)
			.flatMap((user) -> this.policy.check(newPassword, user.email(), user.name())
				.then(this.hasher.hash(newPassword))
				.flatMap((hash) -> apply(token, user, hash, client))
				.then(Mono.defer(() -> revokeEverySession(user, client))));
	}

	private Mono<Integer> revokeEverySession(User user, ClientInfo client) {
		return this.revoker.revokeAll(user.id(), null, "password_reset", context(user.id(), client));
	}

	private Mono<Void> apply(String token, User user, String hash, ClientInfo client) {
		EventContext context = context(user.id(), client);
		return this.transactions.transactional(this.tokens.consume(token, user.id())
			.then(this.users.updatePasswordHash(user.id(), hash, this.clock.instant()))
			.then(this.users.markEmailVerified(user.id(), this.clock.instant()))
			.flatMap((verified) -> verified ? this.events.record("email.verified", context).then() : Mono.empty())
			.then(this.events.record("password.reset", context))
			.then());
	}

	private static EventContext context(UUID userId, ClientInfo client) {
		return EventContext.of(userId, null, client);
	}

}
