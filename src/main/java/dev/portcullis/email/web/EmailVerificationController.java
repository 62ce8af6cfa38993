package dev.portcullis.email.web;

import java.net.URI;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import dev.portcullis.support.RateLimitedErrors;
import dev.portcullis.account.UserView;
import dev.portcullis.email.EmailProperties;
import dev.portcullis.email.EmailRequest;
import dev.portcullis.email.EmailVerification;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.support.ProblemException;

/**
 * Email verification: ask for a (new) link, and use one. Asking always answers
 * {@code 202}, whether or not the address has an account, so the endpoint cannot be used
 * to find accounts. A link is used with {@code POST {token}} by a client, or opened as
 * {@code GET ?token=} from the mail, which answers JSON or, with
 * {@code portcullis.email.verification.redirect-url}, sends the browser there with
 * {@code ?status=verified|expired|invalid}.
 */
@RestController
class EmailVerificationController {

	private final EmailVerification verification;

	private final RateLimiter rateLimiter;

	private final URI redirectUrl;

	EmailVerificationController(EmailVerification verification, RateLimiter rateLimiter, EmailProperties properties) {
		this.verification = verification;
		this.rateLimiter = rateLimiter;
		this.redirectUrl = properties.verification().redirectUrl();
	}

	@Operation(summary = "Send a new verification link; 202 whether or not the address has an account")
	@ApiResponse(responseCode = "202", description = "accepted")
	@ApiResponse(responseCode = "400", description = "validation_failed")
	@ApiResponse(responseCode = "429", description = "rate_limited")
	@RateLimitedErrors
	@PostMapping("/v1/auth/send-verification-email")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Void> send(@Valid @RequestBody EmailRequest request, ServerWebExchange exchange) {
		return this.rateLimiter.check(RateLimiter.EMAIL, exchange, request.email())
			.then(Mono.defer(() -> this.verification.resend(request.email())));
	}

	@Operation(summary = "Verify the email address with the token from the link")
	@ApiResponse(responseCode = "200", description = "{user} with emailVerified true")
	@ApiResponse(responseCode = "400", description = "token_invalid: unknown or already used")
	@ApiResponse(responseCode = "410", description = "token_expired")
	@PostMapping("/v1/auth/verify-email")
	Mono<Map<String, UserView>> verify(@Valid @RequestBody TokenRequest request, ServerWebExchange exchange) {
		return this.verification.verify(request.token(), ClientInfo.of(exchange))
			.map((user) -> Map.of("user", UserView.of(user)));
	}

	@Operation(summary = "The link in the verification mail: JSON, or 303 to the configured redirect URL")
	@ApiResponse(responseCode = "200", description = "{user} with emailVerified true")
	@ApiResponse(responseCode = "303", description = "to redirect-url?status=verified|expired|invalid, when configured")
	@ApiResponse(responseCode = "400", description = "token_invalid: unknown or already used")
	@ApiResponse(responseCode = "410", description = "token_expired")
	@GetMapping("/v1/auth/verify-email")
	Mono<ResponseEntity<Object>> verifyLink(@RequestParam(required = false) String token, ServerWebExchange exchange) {
		Mono<ResponseEntity<Object>> verified = this.verification.verify(token, ClientInfo.of(exchange))
			.map((user) -> ResponseEntity.ok(Map.of("user", UserView.of(user))));
		if (this.redirectUrl == null) {
			return verified;
		}
		return verified.map((ok) -> redirect("verified"))
			.onErrorResume(ProblemException.class, (ex) -> switch (ex.code()) {
				case "token_expired" -> Mono.just(redirect("expired"));
				case "token_invalid" -> Mono.just(redirect("invalid"));
				default -> Mono.error(ex);
			});
	}

	private ResponseEntity<Object> redirect(String status) {
		URI location = UriComponentsBuilder.fromUri(this.redirectUrl).queryParam("status", status).build().toUri();
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(location).build();
	}

	record TokenRequest(@NotNull @Size(max = 256) String token) {

		@Override
		public String toString() {
			return "TokenRequest[token=<hidden>]";
		}

	}

}
