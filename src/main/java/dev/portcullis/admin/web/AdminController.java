package dev.portcullis.admin.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.account.AccountLocks;
import dev.portcullis.account.TwoFactorReset;
import dev.portcullis.account.User;
import dev.portcullis.account.UserView;
import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEventPages;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.session.SessionRevoker;
import dev.portcullis.session.Sessions;
import dev.portcullis.mfa.StepUpPolicy;
import dev.portcullis.session.SessionView;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenClaims;

/**
 * Administration over accounts and sessions. The security chain admits only the
 * {@code admin} role; reads need nothing more, while state changes also need a fresh
 * authentication ({@link StepUpPolicy}), checked before the target is looked up. Each
 * state change is recorded under the target user's id with {@code details.actorId} set to
 * the admin, so the user's own event list shows what was done to the account.
 */
@RestController
class AdminController {

	private static final int SEARCH_LIMIT = 50;

	private final Users users;

	private final Sessions sessions;

	private final SessionRevoker revoker;

	private final AccountLocks locks;

	private final TwoFactorReset twoFactor;

	private final StepUpPolicy stepUp;

	private final SecurityEvents events;

	private final SecurityEventPages pages;

	AdminController(Users users, Sessions sessions, SessionRevoker revoker, AccountLocks locks,
			TwoFactorReset twoFactor, StepUpPolicy stepUp, SecurityEvents events, SecurityEventPages pages) {
		this.users = users;
		this.sessions = sessions;
		this.revoker = revoker;
		this.locks = locks;
		this.twoFactor = twoFactor;
		this.stepUp = stepUp;
		this.events = events;
		this.pages = pages;
	}

	/**
	 * An exact email finds that account; anything else is a prefix (up to 50, by email).
	 */
	@Operation(summary = "Find users by exact email or prefix", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{users: [user]}")
	@ApiResponse(responseCode = "401", description = "unauthenticated or invalid_token")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin")
	@GetMapping("/v1/admin/users")
	Mono<Map<String, List<UserView>>> users(@RequestParam(required = false, defaultValue = "") String email) {
		return this.users.search(email, SEARCH_LIMIT)
			.map(UserView::of)
			.collectList()
			.map((found) -> Map.of("users", found));
	}

	@Operation(summary = "A user's active sessions", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{sessions: [session]}")
	@ApiResponse(responseCode = "401", description = "unauthenticated or invalid_token")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin")
	@ApiResponse(responseCode = "404", description = "user_not_found")
	@GetMapping("/v1/admin/users/{userId}/sessions")
	Mono<Map<String, List<SessionView>>> sessions(@AuthenticationPrincipal AccessTokenClaims claims,
			@PathVariable String userId) {
		return target(userId)
			.flatMap((user) -> this.sessions.active(user.id())
				.map((session) -> SessionView.of(session, claims.sessionId()))
				.collectList())
			.map((views) -> Map.of("sessions", views));
	}

	@Operation(summary = "Force logout: revoke every session of a user (fresh authentication required)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{revoked: n}")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin; step_up_required: authenticate again")
	@ApiResponse(responseCode = "401", description = "unauthenticated or invalid_token")
	@ApiResponse(responseCode = "404", description = "user_not_found")
	@PostMapping("/v1/admin/users/{userId}/revoke-sessions")
	Mono<Map<String, Integer>> revokeSessions(@AuthenticationPrincipal AccessTokenClaims claims,
			@PathVariable String userId, ServerWebExchange exchange) {
		return change(claims, userId, (user) -> {
			EventContext context = context(user, exchange);
			return this.revoker.revokeAll(user.id(), null, "revoked_by_admin", context)
				.flatMap(
						(revoked) -> this.events
							.record("admin.sessions_revoked",
									context
										.withDetails(Map.of("actorId", claims.userId().toString(), "revoked", revoked)))
							.thenReturn(Map.of("revoked", revoked)));
		});
	}

	@Operation(summary = "Lift a sign-in lockout (fresh authentication required)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{user}")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin; step_up_required: authenticate again")
	@ApiResponse(responseCode = "401", description = "unauthenticated or invalid_token")
	@ApiResponse(responseCode = "404", description = "user_not_found")
	@PostMapping("/v1/admin/users/{userId}/unlock")
	Mono<Map<String, UserView>> unlock(@AuthenticationPrincipal AccessTokenClaims claims, @PathVariable String userId,
			ServerWebExchange exchange) {
		return change(claims, userId,
				(user) -> this.locks.unlock(user.id())
					.then(record("account.unlocked", user, claims, exchange))
					.thenReturn(Map.of("user", UserView.of(user))));
	}

	/**
	 * Turns the user's 2FA off and, as for any privilege change, ends all their sessions:
	 * whoever holds one may be the reason the user lost their second factor.
	 */
	@Operation(summary = "Turn a user's 2FA off and end their sessions (fresh authentication required)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{user}")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin; step_up_required: authenticate again")
	@ApiResponse(responseCode = "401", description = "unauthenticated or invalid_token")
	@ApiResponse(responseCode = "404", description = "user_not_found")
	@PostMapping("/v1/admin/users/{userId}/two-factor/reset")
	Mono<Map<String, Object>> resetTwoFactor(@AuthenticationPrincipal AccessTokenClaims claims,
			@PathVariable String userId, ServerWebExchange exchange) {
		return change(claims, userId,
				(user) -> this.twoFactor.reset(user.id())
					.then(record("two_factor.disabled", user, claims, exchange))
					.then(this.revoker.revokeAll(user.id(), null, "two_factor_reset", context(user, exchange)))
					.flatMap((revoked) -> this.users.findById(user.id()))
					.map((updated) -> Map.of("user", UserView.of(updated))));
	}

	@Operation(summary = "Security events of every user or one, optionally one type (cursor pagination)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{events: [event], nextCursor}")
	@ApiResponse(responseCode = "400", description = "validation_failed")
	@ApiResponse(responseCode = "401", description = "unauthenticated or invalid_token")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin")
	@GetMapping("/v1/admin/security-events")
	Mono<Map<String, Object>> events(@RequestParam(required = false) String userId,
			@RequestParam(required = false) String type, @RequestParam(required = false) String before,
			@RequestParam(required = false) Integer limit) {
		return this.pages.page(userId, type, before, limit);
	}

	private <T> Mono<T> change(AccessTokenClaims claims, String userId, Function<User, Mono<T>> action) {
		return this.stepUp.requireFresh(claims).then(target(userId)).flatMap(action);
	}

	private Mono<User> target(String userId) {
		UUID id = parse(userId);
		return ((id != null) ? this.users.findById(id) : Mono.<User>empty())
			.switchIfEmpty(Mono.error(ProblemException.notFound("user_not_found", "No user has this id.")));
	}

	private Mono<Void> record(String type, User user, AccessTokenClaims claims, ServerWebExchange exchange) {
		return this.events
			.record(type, context(user, exchange).withDetails(Map.of("actorId", claims.userId().toString())))
			.then();
	}

	private static EventContext context(User user, ServerWebExchange exchange) {
		ClientInfo client = ClientInfo.of(exchange);
		return EventContext.of(user.id(), null, client);
	}

	private static UUID parse(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
