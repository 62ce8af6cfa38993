package dev.portcullis.mfa.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.RateLimitedErrors;
import dev.portcullis.mfa.TwoFactorSignIn;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.session.TokenDelivery;
import dev.portcullis.session.TokenResponse;
import dev.portcullis.support.ClientInfo;

/**
 * Completes a sign-in that answered {@code mfaRequired}: the {@code mfaToken} and a TOTP
 * or backup code. Tokens are delivered as chosen at {@code /sign-in} (cookie or body),
 * and the session lasts as {@code rememberMe} chose there.
 */
@RestController
class TwoFactorSignInController {

	private final TwoFactorSignIn signIn;

	private final TokenDelivery delivery;

	private final RateLimiter rateLimiter;

	TwoFactorSignInController(TwoFactorSignIn signIn, TokenDelivery delivery, RateLimiter rateLimiter) {
		this.signIn = signIn;
		this.delivery = delivery;
		this.rateLimiter = rateLimiter;
	}

	@Operation(summary = "Complete a two-factor sign-in with a TOTP or backup code")
	@ApiResponse(responseCode = "200", description = "token response; amr includes otp")
	@ApiResponse(responseCode = "400", description = "validation_failed")
	@ApiResponse(responseCode = "401",
			description = "invalid_code (the mfaToken stays usable) or mfa_token_invalid (unknown, used or expired)")
	@ApiResponse(responseCode = "429", description = "rate_limited or account_locked")
	@RateLimitedErrors
	@PostMapping("/v1/auth/sign-in/two-factor")
	Mono<TokenResponse> complete(@Valid @RequestBody TwoFactorSignInRequest request, ServerWebExchange exchange) {
		ClientInfo client = ClientInfo.of(exchange);
		return this.signIn.pending(request.mfaToken())
			.flatMap((pending) -> this.rateLimiter.check(RateLimiter.TWO_FACTOR, exchange, pending.userId().toString())
				.then(Mono.defer(() -> this.signIn.complete(pending, request.code(), client)))
				.map((issued) -> this.delivery.deliver(exchange, issued, pending.bodyDelivery())));
	}

	/**
	 * Any mfaToken that is not one of ours is {@code mfa_token_invalid}, so its size is
	 * not validated.
	 */
	record TwoFactorSignInRequest(@NotBlank String mfaToken, @NotBlank @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "TwoFactorSignInRequest[]";
		}

	}

}
