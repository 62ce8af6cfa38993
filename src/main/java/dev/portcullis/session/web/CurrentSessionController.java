package dev.portcullis.session.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.BearerErrors;
import dev.portcullis.session.SessionProblems;
import dev.portcullis.session.SessionView;
import dev.portcullis.account.UserView;
import dev.portcullis.account.Users;
import dev.portcullis.session.Sessions;
import dev.portcullis.token.AccessTokenClaims;

@RestController
class CurrentSessionController {

	private final Sessions sessions;

	private final Users users;

	private final BrowserCookies cookies;

	CurrentSessionController(Sessions sessions, Users users, BrowserCookies cookies) {
		this.sessions = sessions;
		this.users = users;
		this.cookies = cookies;
	}

	@Operation(summary = "The calling session and its user", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{session, user}")
	@BearerErrors
	@GetMapping("/v1/auth/session")
	Mono<Map<String, Object>> session(@AuthenticationPrincipal AccessTokenClaims claims) {
		return this.sessions.findById(claims.sessionId())
			.zipWith(this.users.findById(claims.userId()))
			.switchIfEmpty(Mono.error(SessionProblems::revoked))
			.map((found) -> Map.of("session", SessionView.of(found.getT1(), claims.sessionId()), "user",
					UserView.of(found.getT2())));
	}

	/** Issues a fresh CSRF token, as a cookie and in the body. */
	@Operation(summary = "Issue a CSRF token (also as the XSRF-TOKEN cookie)")
	@ApiResponse(responseCode = "200", description = "{token}")
	@GetMapping("/v1/auth/csrf")
	Map<String, String> csrf(ServerWebExchange exchange) {
		return Map.of("token", this.cookies.issueCsrfToken(exchange));
	}

}
