package dev.portcullis.session.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.RateLimitedErrors;
import dev.portcullis.session.TokenDelivery;
import dev.portcullis.account.Credentials;
import dev.portcullis.account.User;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.session.SessionStarter;
import dev.portcullis.session.TwoFactorChallenges;
import dev.portcullis.support.ClientInfo;

@RestController
class SignInController {

	private final Credentials credentials;

	private final SessionStarter sessions;

	private final TokenDelivery delivery;

	private final RateLimiter rateLimiter;

	private final TwoFactorChallenges challenges;

	SignInController(Credentials credentials, SessionStarter sessions, TokenDelivery delivery, RateLimiter rateLimiter,
			TwoFactorChallenges challenges) {
		this.credentials = credentials;
		this.sessions = sessions;
		this.delivery = delivery;
		this.rateLimiter = rateLimiter;
		this.challenges = challenges;
	}

	@Operation(summary = "Sign in; tokens, or a two-factor challenge")
	@ApiResponse(responseCode = "200", description = "token response, or {mfaRequired, mfaToken, methods}")
	@ApiResponse(responseCode = "401", description = "invalid_credentials")
	@ApiResponse(responseCode = "403", description = "email_not_verified")
	@ApiResponse(responseCode = "429", description = "account_locked or rate_limited")
	@RateLimitedErrors
	@PostMapping("/v1/auth/sign-in")
	Mono<Object> signIn(@Valid @RequestBody SignInRequest request, ServerWebExchange exchange) {
		ClientInfo client = ClientInfo.of(exchange);
		return this.rateLimiter.check(RateLimiter.SIGN_IN, exchange, request.email())
			.then(Mono.defer(() -> this.credentials.verify(request.email(), request.password(), client)))
			.flatMap((user) -> user.twoFactorEnabled() ? challenge(user, request)
					: signIn(user, request, client, exchange));
	}

	/**
	 * A user with 2FA gets no session yet: a single-use {@code mfaToken} that carries the
	 * {@code rememberMe} and {@code tokenDelivery} chosen here to /sign-in/two-factor.
	 */
	private Mono<Object> challenge(User user, SignInRequest request) {
		return this.challenges.open(user, request.remembered(), request.bodyDelivery())
			.map((mfaToken) -> new MfaRequired(true, mfaToken, List.of("totp", "backup_code")));
	}

	private Mono<Object> signIn(User user, SignInRequest request, ClientInfo client, ServerWebExchange exchange) {
		return this.sessions.start(user, List.of("pwd"), request.remembered(), client)
			.map((issued) -> this.delivery.deliver(exchange, issued, request.bodyDelivery()));
	}

	record MfaRequired(boolean mfaRequired, String mfaToken, List<String> methods) {

		@Override
		public String toString() {
			return "MfaRequired[]";
		}

	}

	record SignInRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull @Size(max = 1024) String password,
			Boolean rememberMe,
			@Pattern(regexp = "cookie|body", message = "must be cookie or body") String tokenDelivery) {

		boolean remembered() {
			return Boolean.TRUE.equals(this.rememberMe);
		}

		boolean bodyDelivery() {
			return TokenDelivery.BODY.equals(this.tokenDelivery);
		}

		@Override
		public String toString() {
			return "SignInRequest[email=" + this.email + "]";
		}

	}

}
