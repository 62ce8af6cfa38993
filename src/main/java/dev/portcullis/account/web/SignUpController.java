package dev.portcullis.account.web;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.RateLimitedErrors;
import dev.portcullis.account.SignUp;
import dev.portcullis.account.UserView;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.support.ClientInfo;

@RestController
class SignUpController {

	private final SignUp signUp;

	private final RateLimiter rateLimiter;

	SignUpController(SignUp signUp, RateLimiter rateLimiter) {
		this.signUp = signUp;
		this.rateLimiter = rateLimiter;
	}

	@Operation(summary = "Create an account; a verification email is sent")
	@ApiResponse(responseCode = "201", description = "{user}")
	@ApiResponse(responseCode = "400", description = "validation_failed")
	@ApiResponse(responseCode = "409", description = "email_taken")
	@ApiResponse(responseCode = "422", description = "weak_password, with violations")
	@ApiResponse(responseCode = "429", description = "rate_limited")
	@RateLimitedErrors
	@PostMapping("/v1/auth/sign-up")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Map<String, UserView>> signUp(@Valid @RequestBody SignUpRequest request, ServerWebExchange exchange) {
		return this.rateLimiter.check(RateLimiter.SIGN_UP, exchange, null)
			.then(Mono.defer(() -> this.signUp.signUp(request.email(), request.password(), request.name(),
					ClientInfo.of(exchange))))
			.map((user) -> Map.of("user", UserView.of(user)));
	}

	/** The password is bounded here only to refuse absurd input before any work. */
	record SignUpRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull @Size(max = 1024) String password,
			@Size(max = 100) String name) {

		@Override
		public String toString() {
			return "SignUpRequest[email=" + this.email + "]";
		}

	}

}
