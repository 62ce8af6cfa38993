package dev.portcullis.admin.web;

import java.util.List;
import java.util.Map;

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

import dev.portcullis.support.BearerErrors;
import dev.portcullis.account.UserView;
import dev.portcullis.admin.AdminActions;
import dev.portcullis.audit.SecurityEventPages;
import dev.portcullis.session.SessionView;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;

/**
 * Administration over accounts and sessions, over HTTP: the security chain admits only
 * the {@code admin} role, {@link AdminActions} does the rest.
 */
@RestController
class AdminController {

	private final AdminActions actions;

	private final SecurityEventPages pages;

	AdminController(AdminActions actions, SecurityEventPages pages) {
		this.actions = actions;
		this.pages = pages;
	}

	@Operation(summary = "Find users by exact email or prefix", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{users: [user]}")
	@BearerErrors
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin")
	@GetMapping("/v1/admin/users")
	Mono<Map<String, List<UserView>>> users(@RequestParam(required = false, defaultValue = "") String email) {
		return this.actions.search(email).map(UserView::of).collectList().map((found) -> Map.of("users", found));
	}

	@Operation(summary = "A user's active sessions", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{sessions: [session]}")
	@BearerErrors
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin")
	@ApiResponse(responseCode = "404", description = "user_not_found")
	@GetMapping("/v1/admin/users/{userId}/sessions")
	Mono<Map<String, List<SessionView>>> sessions(@AuthenticationPrincipal AccessTokenClaims claims,
			@PathVariable String userId) {
		return this.actions.sessions(userId)
			.map((session) -> SessionView.of(session, claims.sessionId()))
			.collectList()
			.map((views) -> Map.of("sessions", views));
	}

	@Operation(summary = "Force logout: revoke every session of a user (fresh authentication required)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{revoked: n}")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin; step_up_required: authenticate again")
	@BearerErrors
	@ApiResponse(responseCode = "404", description = "user_not_found")
	@PostMapping("/v1/admin/users/{userId}/revoke-sessions")
	Mono<Map<String, Integer>> revokeSessions(@AuthenticationPrincipal AccessTokenClaims claims,
			@PathVariable String userId, ServerWebExchange exchange) {
		return this.actions.revokeSessions(claims, userId, ClientInfo.of(exchange))
			.map((revoked) -> Map.of("revoked", revoked));
	}

	@Operation(summary = "Lift a sign-in lockout (fresh authentication required)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{user}")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin; step_up_required: authenticate again")
	@BearerErrors
	@ApiResponse(responseCode = "404", description = "user_not_found")
	@PostMapping("/v1/admin/users/{userId}/unlock")
	Mono<Map<String, UserView>> unlock(@AuthenticationPrincipal AccessTokenClaims claims, @PathVariable String userId,
			ServerWebExchange exchange) {
		return this.actions.unlock(claims, userId, ClientInfo.of(exchange))
			.map((user) -> Map.of("user", UserView.of(user)));
	}

	@Operation(summary = "Turn a user's 2FA off and end their sessions (fresh authentication required)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{user}")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin; step_up_required: authenticate again")
	@BearerErrors
	@ApiResponse(responseCode = "404", description = "user_not_found")
	@PostMapping("/v1/admin/users/{userId}/two-factor/reset")
	Mono<Map<String, UserView>> resetTwoFactor(@AuthenticationPrincipal AccessTokenClaims claims,
			@PathVariable String userId, ServerWebExchange exchange) {
		return this.actions.resetTwoFactor(claims, userId, ClientInfo.of(exchange))
			.map((user) -> Map.of("user", UserView.of(user)));
	}

	@Operation(summary = "Security events of every user or one, optionally one type (cursor pagination)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{events: [event], nextCursor}")
	@ApiResponse(responseCode = "400", description = "validation_failed")
	@BearerErrors
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin")
	@GetMapping("/v1/admin/security-events")
	Mono<Map<String, Object>> events(@RequestParam(required = false) String userId,
			@RequestParam(required = false) String type, @RequestParam(required = false) String before,
			@RequestParam(required = false) Integer limit) {
		return this.pages.page(userId, type, before, limit);
	}

}
