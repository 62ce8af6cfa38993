package dev.portcullis.password;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.portcullis.account.AccountProblems;
import dev.portcullis.account.Credentials;
import dev.portcullis.account.PasswordHasher;
import dev.portcullis.account.PasswordPolicy;
import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.session.SessionRevoker;
import dev.portcullis.mfa.StepUpPolicy;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;

/**
 * A signed-in user changes their password: the caller must have authenticated freshly
 * ({@link StepUpPolicy}) and know the current password, checked through the sign-in
 * lockout (wrong guesses count towards it); the new one must pass the policy. The new
 * hash and {@code password.changed} (which queues the notification mail) commit together;
 * then every other session of the user is revoked, the calling one continuing.
 */
@Component
public class PasswordChange {

	private final Users users;

	private final Credentials credentials;

	private final PasswordHasher hasher;

	private final PasswordPolicy policy;

	private final StepUpPolicy stepUp;

	private final SecurityEvents events;

	private final SessionRevoker revoker;

	private final TransactionalOperator transactions;

	private final Clock clock;

	PasswordChange(Users users, Credentials credentials, PasswordHasher hasher, PasswordPolicy policy,
			StepUpPolicy stepUp, SecurityEvents events, SessionRevoker revoker, TransactionalOperator transactions,
			Clock clock) {
		this.users = users;
		this.credentials = credentials;
		this.hasher = hasher;
		this.policy = policy;
		this.stepUp = stepUp;
		this.events = events;
		this.revoker = revoker;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Answers how many other sessions were revoked. */
	public Mono<Integer> change(AccessTokenClaims claims, String currentPassword, String newPassword,
			ClientInfo client) {
		EventContext context = EventContext.of(claims.userId(), claims.sessionId(), client);
		return this.stepUp.requireFresh(claims)
			.then(this.users.findById(claims.userId()))
			.switchIfEmpty(Mono.error(AccountProblems::invalidCredentials))
			.flatMap((user) -> this.credentials.confirmCounted(user, currentPassword, client))
			.flatMap((user) -> this.policy.check(newPassword, user.email(), user.name())
				.then(this.hasher.hash(newPassword))
				.flatMap((hash) -> store(user, hash, context)))
			.then(Mono
				.defer(() -> this.revoker.revokeAll(claims.userId(), claims.sessionId(), "password_changed", context)));
	}

	private Mono<Void> store(User user, String hash, EventContext context) {
		return this.transactions.transactional(this.users.updatePasswordHash(user.id(), hash, this.clock.instant())
			.then(this.events.record("password.changed", context))
			.then());
	}

}
