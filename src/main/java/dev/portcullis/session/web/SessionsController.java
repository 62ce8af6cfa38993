package dev.portcullis.session.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.BearerErrors;
import dev.portcullis.session.SessionProblems;
import dev.portcullis.session.SessionView;
import dev.portcullis.audit.EventContext;
import dev.portcullis.session.SessionRevoker;
import dev.portcullis.session.Sessions;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;

/**
 * The caller's devices: list them, sign one out, all others, or all. A revoked session's
 * access tokens fail at once on every instance (see SessionRevoker). An id that is
 * unknown, malformed, already ended or another user's is the same
 * {@code 404 session_not_found}, so the endpoint reveals nothing about other users.
 */
@RestController
class SessionsController {

	private final Sessions sessions;

	private final SessionRevoker revoker;

	private final BrowserCookies cookies;

	SessionsController(Sessions sessions, SessionRevoker revoker, BrowserCookies cookies) {
		this.sessions = sessions;
		this.revoker = revoker;
		this.cookies = cookies;
	}

	@Operation(summary = "The caller's active sessions, newest activity first",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{sessions: [session]}")
	@BearerErrors
	@GetMapping("/v1/auth/sessions")
	Mono<Map<String, List<SessionView>>> list(@AuthenticationPrincipal AccessTokenClaims claims) {
		return this.sessions.active(claims.userId())
			.map((session) -> SessionView.of(session, claims.sessionId()))
			.collectList()
			.map((views) -> Map.of("sessions", views));
	}

	@Operation(summary = "Revoke one of the caller's sessions", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{revoked: 1}")
	@BearerErrors
	@ApiResponse(responseCode = "400", description = "malformed_request: the id is not a UUID")
	@ApiResponse(responseCode = "404", description = "session_not_found: unknown, ended or another user's")
	@DeleteMapping("/v1/auth/sessions/{id}")
	Mono<Map<String, Integer>> revoke(@AuthenticationPrincipal AccessTokenClaims claims, @PathVariable UUID id,
			ServerWebExchange exchange) {
		// A malformed id fails binding: 400 malformed_request from the problem handler.
		return this.revoker.revoke(claims.userId(), id, "revoked_by_user", context(claims, exchange))
			.filter((revoked) -> revoked > 0)
			.switchIfEmpty(Mono.error(SessionProblems::notFound))
			.map((revoked) -> Map.of("revoked", revoked));
	}

	@Operation(summary = "Revoke every session but the caller's", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{revoked: n}")
	@BearerErrors
	@PostMapping("/v1/auth/sessions/revoke-others")
	Mono<Map<String, Integer>> revokeOthers(@AuthenticationPrincipal AccessTokenClaims claims,
			ServerWebExchange exchange) {
		return this.revoker.revokeAll(claims.userId(), claims.sessionId(), "revoked_by_user", context(claims, exchange))
			.map((revoked) -> Map.of("revoked", revoked));
	}

	@Operation(summary = "Revoke every session of the caller, the calling one included",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{revoked: n}; the caller's refresh cookie is cleared")
	@BearerErrors
	@PostMapping("/v1/auth/sessions/revoke-all")
	Mono<Map<String, Integer>> revokeAll(@AuthenticationPrincipal AccessTokenClaims claims,
			ServerWebExchange exchange) {
		// The calling session ends too: its cookie would only answer session_revoked.
		return this.revoker.revokeAll(claims.userId(), null, "revoked_by_user", context(claims, exchange))
			.doOnNext((revoked) -> this.cookies.clear(exchange))
			.map((revoked) -> Map.of("revoked", revoked));
	}

	private static EventContext context(AccessTokenClaims claims, ServerWebExchange exchange) {
		ClientInfo client = ClientInfo.of(exchange);
		return EventContext.of(claims.userId(), claims.sessionId(), client);
	}

}
