package dev.portcullis.mfa.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.RateLimitedErrors;
import dev.portcullis.mfa.Reauthentication;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;
import dev.portcullis.token.IssuedAccessToken;

/**
 * Re-authentication for sensitive actions: the password, and a code when 2FA is on,
 * refresh {@code auth_time} (and {@code amr}) of the calling session. Counts against the
 * {@code two-factor} rate limit of the account, since each call is a credential guess.
 */
@RestController
class StepUpController {

	private final Reauthentication reauthentication;

	private final RateLimiter rateLimiter;

	StepUpController(Reauthentication reauthentication, RateLimiter rateLimiter) {
		this.reauthentication = reauthentication;
		this.rateLimiter = rateLimiter;
	}

	@Operation(summary = "Authenticate again: a fresh auth_time for the same session",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200",
			description = "{accessToken, tokenType, expiresIn}: same session, auth_time now, amr of the factors given")
	@ApiResponse(responseCode = "400", description = "invalid_code (also when 2FA is on and no code was sent)")
	@ApiResponse(responseCode = "401", description = "invalid_credentials, unauthenticated or invalid_token")
	@ApiResponse(responseCode = "429", description = "rate_limited or account_locked")
	@RateLimitedErrors
	@PostMapping("/v1/auth/step-up")
	Mono<StepUpResponse> stepUp(@AuthenticationPrincipal AccessTokenClaims claims,
			@Valid @RequestBody StepUpRequest request, ServerWebExchange exchange) {
		return this.rateLimiter.check(RateLimiter.TWO_FACTOR, exchange, claims.userId().toString())
			.then(Mono.defer(() -> this.reauthentication.stepUp(claims, request.password(), request.code(),
					ClientInfo.of(exchange))))
			.map(StepUpResponse::of);
	}

	record StepUpRequest(@NotNull @Size(max = 1024) String password, @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "StepUpRequest[]";
		}

	}

	record StepUpResponse(String accessToken, String tokenType, long expiresIn) {

		static StepUpResponse of(IssuedAccessToken token) {
			return new StepUpResponse(token.value(), "Bearer", token.expiresIn());
		}

		@Override
		public String toString() {
			return "StepUpResponse[]";
		}

	}

}
