package dev.portcullis.session.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.session.SessionProblems;
import dev.portcullis.session.TokenResponse;
import dev.portcullis.session.TokenDelivery;
import dev.portcullis.audit.EventContext;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.session.RefreshTokenRotator;
import dev.portcullis.session.SessionRevoker;
import dev.portcullis.session.Sessions;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenClaims;

/**
 * Refresh and sign-out. A token in the body is used as given; otherwise the refresh
 * cookie is, and then only with a matching CSRF token, since a browser attaches the
 * cookie to requests other sites make.
 */
@RestController
class RefreshController {

	private final RefreshTokenRotator rotator;

	private final SessionRevoker revoker;

	private final Sessions sessions;

	private final BrowserCookies cookies;

	private final TokenDelivery delivery;

	private final RateLimiter rateLimiter;

	RefreshController(RefreshTokenRotator rotator, SessionRevoker revoker, Sessions sessions, BrowserCookies cookies,
			TokenDelivery delivery, RateLimiter rateLimiter) {
		this.rateLimiter = rateLimiter;
		this.rotator = rotator;
		this.revoker = revoker;
		this.sessions = sessions;
		this.cookies = cookies;
		this.delivery = delivery;
	}

	@Operation(summary = "Rotate the refresh token (cookie + X-XSRF-TOKEN, or {refreshToken})",
			security = @SecurityRequirement(name = "refreshCookie"))
	@ApiResponse(responseCode = "200", description = "token response with a rotated refresh token")
	@ApiResponse(responseCode = "401",
			description = "invalid_refresh_token, refresh_token_reused, session_expired or session_revoked")
	@ApiResponse(responseCode = "403", description = "csrf_invalid")
	@ApiResponse(responseCode = "429", description = "rate_limited: too many failed refreshes from this address")
	@PostMapping("/v1/auth/refresh")
	Mono<TokenResponse> refresh(@RequestBody(required = false) RefreshRequest body, ServerWebExchange exchange) {
		// Failed refreshes (replayed, forged or dead tokens) are counted per address;
		// past
		// portcullis.rate-limit.refresh-failures the address is refused before any work.
		return this.rateLimiter.checkFailures(RateLimiter.REFRESH_FAILURES, exchange)
			.then(Mono.defer(() -> rotate(body, exchange)))
			.onErrorResume(ProblemException.class, (ex) -> (ex.status() == HttpStatus.UNAUTHORIZED)
					? this.rateLimiter.recordFailure(RateLimiter.REFRESH_FAILURES, exchange).then(Mono.error(ex))
					: Mono.error(ex));
	}

	private Mono<TokenResponse> rotate(RefreshRequest body, ServerWebExchange exchange) {
		ClientInfo client = ClientInfo.of(exchange);
		if (body != null && body.refreshToken() != null) {
			return this.rotator.rotate(body.refreshToken(), client)
				.map((issued) -> this.delivery.deliver(exchange, issued, true));
		}
		String cookie = this.cookies.refreshToken(exchange);
		if (cookie == null) {
			return Mono.error(SessionProblems::invalidRefreshToken);
		}
		return this.cookies.verifyCsrf(exchange)
			.then(Mono.defer(() -> this.rotator.rotate(cookie, client)))
			.map((issued) -> this.delivery.deliver(exchange, issued, false))
			.doOnError(ProblemException.class, (ex) -> this.cookies.clear(exchange));
	}

	@Operation(summary = "End this session; clears the cookie",
			security = { @SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "refreshCookie") })
	@ApiResponse(responseCode = "204", description = "signed out")
	@ApiResponse(responseCode = "401", description = "unauthenticated")
	@ApiResponse(responseCode = "403", description = "csrf_invalid")
	@PostMapping("/v1/auth/sign-out")
	Mono<ResponseEntity<Void>> signOut(@AuthenticationPrincipal AccessTokenClaims claims,
			@RequestBody(required = false) RefreshRequest body, ServerWebExchange exchange) {
		ClientInfo client = ClientInfo.of(exchange);
		Mono<Void> revocation;
		if (claims != null) {
			revocation = revoke(claims.userId(), claims.sessionId(), client);
		}
		else {
			Mono<String> token = (body != null && body.refreshToken() != null) ? Mono.just(body.refreshToken())
					: cookieWithCsrf(exchange);
			revocation = token.flatMap(this.sessions::findByRefreshToken)
				.switchIfEmpty(Mono.error(SessionProblems::signOutUnauthenticated))
				.flatMap((session) -> revoke(session.userId(), session.id(), client));
		}
		return revocation.then(Mono.fromRunnable(() -> this.cookies.clear(exchange)))
			.thenReturn(ResponseEntity.status(HttpStatus.NO_CONTENT).<Void>build());
	}

	private Mono<String> cookieWithCsrf(ServerWebExchange exchange) {
		String token = this.cookies.refreshToken(exchange);
		return (token != null) ? this.cookies.verifyCsrf(exchange).thenReturn(token) : Mono.empty();
	}

	private Mono<Void> revoke(UUID userId, UUID sessionId, ClientInfo client) {
		return this.revoker.revoke(userId, sessionId, "signed_out", EventContext.of(userId, sessionId, client)).then();
	}

	record RefreshRequest(String refreshToken) {

		@Override
		public String toString() {
			return "RefreshRequest[<hidden>]";
		}

	}

}
