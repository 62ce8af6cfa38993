package dev.portcullis.password.web;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.RateLimitedErrors;
import dev.portcullis.email.EmailRequest;
import dev.portcullis.password.PasswordChange;
import dev.portcullis.password.PasswordReset;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;

/**
 * Forgotten and changed passwords. {@code forgot} always answers {@code 202}, so it
 * reveals no account; {@code reset} and {@code change} answer {@code {revoked: n}}, the
 * number of sessions they ended.
 */
@RestController
class PasswordController {

	private final PasswordReset reset;

	private final PasswordChange change;

	private final RateLimiter rateLimiter;

	PasswordController(PasswordReset reset, PasswordChange change, RateLimiter rateLimiter) {
		this.reset = reset;
		this.change = change;
		this.rateLimiter = rateLimiter;
	}

	@Operation(summary = "Send a password reset link; 202 whether or not the address has an account")
	@ApiResponse(responseCode = "202", description = "accepted")
	@ApiResponse(responseCode = "400", description = "validation_failed")
	@ApiResponse(responseCode = "429", description = "rate_limited")
	@RateLimitedErrors
	@PostMapping("/v1/auth/password/forgot")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Void> forgot(@Valid @RequestBody EmailRequest request, ServerWebExchange exchange) {
		return this.rateLimiter.check(RateLimiter.EMAIL, exchange, request.email())
			.then(Mono.defer(() -> this.reset.forgot(request.email())));
	}

	@Operation(summary = "Set a new password with the token from a reset link; every session of the user is revoked")
	@ApiResponse(responseCode = "200", description = "{revoked: n}")
	@ApiResponse(responseCode = "400", description = "token_invalid: unknown or already used; validation_failed")
	@ApiResponse(responseCode = "410", description = "token_expired")
	@ApiResponse(responseCode = "422", description = "weak_password, with violations")
	@PostMapping("/v1/auth/password/reset")
	Mono<Map<String, Integer>> reset(@Valid @RequestBody ResetRequest request, ServerWebExchange exchange) {
		return this.reset.reset(request.token(), request.newPassword(), ClientInfo.of(exchange))
			.map((revoked) -> Map.of("revoked", revoked));
	}

	@Operation(summary = "Change the password; needs a fresh authentication; other sessions are revoked",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{revoked: n}")
	@ApiResponse(responseCode = "401",
			description = "invalid_credentials (wrong current password), unauthenticated, invalid_token")
	@ApiResponse(responseCode = "403", description = "step_up_required")
	@ApiResponse(responseCode = "422", description = "weak_password, with violations")
	@ApiResponse(responseCode = "429", description = "rate_limited; account_locked (wrong current passwords count)")
	@PostMapping("/v1/auth/password/change")
	Mono<Map<String, Integer>> change(@AuthenticationPrincipal AccessTokenClaims claims,
			@Valid @RequestBody ChangeRequest request, ServerWebExchange exchange) {
		return this.rateLimiter.check(RateLimiter.PASSWORD_CHANGE, exchange, claims.userId().toString())
			.then(Mono.defer(() -> this.change.change(claims, request.currentPassword(), request.newPassword(),
					ClientInfo.of(exchange))))
			.map((revoked) -> Map.of("revoked", revoked));
	}

	/** Passwords are bounded here only to refuse absurd input before any work. */
	record ResetRequest(@NotNull @Size(max = 256) String token, @NotNull @Size(max = 1024) String newPassword) {

		@Override
		public String toString() {
			return "ResetRequest[<hidden>]";
		}

	}

	record ChangeRequest(@NotNull @Size(max = 1024) String currentPassword,
			@NotNull @Size(max = 1024) String newPassword) {

		@Override
		public String toString() {
			return "ChangeRequest[<hidden>]";
		}

	}

}
