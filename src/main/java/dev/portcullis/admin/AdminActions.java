package dev.portcullis.admin;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.AccountLocks;
import dev.portcullis.account.TwoFactorReset;
import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.mfa.StepUpPolicy;
import dev.portcullis.session.Session;
import dev.portcullis.session.SessionRevoker;
import dev.portcullis.session.Sessions;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;

/**
 * What an admin can do to an account. Reads need the admin role only (the security chain
 * checks it); state changes also need a fresh authentication ({@link StepUpPolicy}),
 * checked before the target is looked up. Each state change is recorded under the target
 * user's id with {@code details.actorId} set to the admin, so the user's own event list
 * shows what was done to the account.
 */
@Component
public class AdminActions {

	private static final int SEARCH_LIMIT = 50;

	private final Users users;

	private final Sessions sessions;

	private final SessionRevoker revoker;

	private final AccountLocks locks;

	private final TwoFactorReset twoFactor;

	private final StepUpPolicy stepUp;

	private final SecurityEvents events;

	AdminActions(Users users, Sessions sessions, SessionRevoker revoker, AccountLocks locks, TwoFactorReset twoFactor,
			StepUpPolicy stepUp, SecurityEvents events) {
		this.users = users;
		this.sessions = sessions;
		this.revoker = revoker;
		this.locks = locks;
		this.twoFactor = twoFactor;
		this.stepUp = stepUp;
		this.events = events;
	}

	/**
	 * An exact email finds that account; anything else is a prefix (up to 50, by email).
	 */
	public Flux<User> search(String email) {
		return this.users.search(email, SEARCH_LIMIT);
	}

	/** The user's active sessions; {@code 404 user_not_found} for an unknown id. */
	public Flux<Session> sessions(String userId) {
		return target(userId).flatMapMany((user) -> this.sessions.active(user.id()));
	}

	/** Force logout: revokes every session of the user; answers how many. */
	public Mono<Integer> revokeSessions(AccessTokenClaims admin, String userId, ClientInfo client) {
		return change(admin, userId, (user) -> {
			EventContext context = EventContext.of(user.id(), null, client);
			return this.revoker.revokeAll(user.id(), null, "revoked_by_admin", context)
				.flatMap(
						(revoked) -> this.events
							.record("admin.sessions_revoked",
									context
										.withDetails(Map.of("actorId", admin.userId().toString(), "revoked", revoked)))
							.thenReturn(revoked));
		});
	}

	/** Lifts both the password and the second-factor lockout. */
	public Mono<User> unlock(AccessTokenClaims admin, String userId, ClientInfo client) {
		return change(admin, userId,
				(user) -> this.locks.unlock(user.id())
					.then(record("account.unlocked", user, admin, client))
					.thenReturn(user));
	}

	/**
	 * Turns the user's 2FA off and, as for any privilege change, ends all their sessions:
	 * whoever holds one may be the reason the user lost their second factor.
	 */
	public Mono<User> resetTwoFactor(AccessTokenClaims admin, String userId, ClientInfo client) {
		return change(admin, userId, (user) -> this.twoFactor.reset(user.id())
			.then(record("two_factor.disabled", user, admin, client))
			.then(this.revoker.revokeAll(user.id(), null, "two_factor_reset", EventContext.of(user.id(), null, client)))
			.then(this.users.findById(user.id())));
	}

	private <T> Mono<T> change(AccessTokenClaims admin, String userId, Function<User, Mono<T>> action) {
		return this.stepUp.requireFresh(admin).then(target(userId)).flatMap(action);
	}

	private Mono<User> target(String userId) {
		return parse(userId).flatMap(this.users::findById).switchIfEmpty(Mono.error(AdminProblems::userNotFound));
	}

	private Mono<Void> record(String type, User user, AccessTokenClaims admin, ClientInfo client) {
		return this.events
			.record(type,
					EventContext.of(user.id(), null, client).withDetails(Map.of("actorId", admin.userId().toString())))
			.then();
	}

	private static Mono<UUID> parse(String id) {
		try {
			return Mono.just(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Mono.empty();
		}
	}

}
