package dev.portcullis.mfa.web;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.BearerErrors;
import dev.portcullis.support.RateLimitedErrors;
import dev.portcullis.mfa.MfaProblems;
import dev.portcullis.session.SessionProblems;
import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.mfa.BackupCodeRegeneration;
import dev.portcullis.mfa.Enrollment;
import dev.portcullis.mfa.Enrollment.EnrollmentStarted;
import dev.portcullis.mfa.TwoFactorRemoval;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.mfa.StepUpPolicy;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;

/**
 * The caller's own two-factor settings. Every request that carries a code or a password
 * counts against the {@code two-factor} rate limit of the account. Disabling and
 * regenerating backup codes are sensitive actions: they also need a fresh authentication
 * ({@link StepUpPolicy}), checked first.
 */
@RestController
class TwoFactorController {

	private final Users users;

	private final Enrollment enrollment;

	private final TwoFactorRemoval removal;

	private final BackupCodeRegeneration regeneration;

	private final StepUpPolicy stepUp;

	private final RateLimiter rateLimiter;

	TwoFactorController(Users users, Enrollment enrollment, TwoFactorRemoval removal,
			BackupCodeRegeneration regeneration, StepUpPolicy stepUp, RateLimiter rateLimiter) {
		this.users = users;
		this.enrollment = enrollment;
		this.removal = removal;
		this.regeneration = regeneration;
		this.stepUp = stepUp;
		this.rateLimiter = rateLimiter;
	}

	@Operation(
			summary = "Start enrolling an authenticator app: secret, otpauth URI, QR code, backup codes (shown once)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200",
			description = "{secret, otpauthUri, qrCode, backupCodes}; pending until verified")
	@ApiResponse(responseCode = "401", description = "invalid_credentials, unauthenticated or invalid_token")
	@ApiResponse(responseCode = "409", description = "two_factor_already_enabled")
	@ApiResponse(responseCode = "429", description = "rate_limited")
	@RateLimitedErrors
	@PostMapping("/v1/auth/two-factor/enable")
	Mono<EnrollmentStarted> enable(@AuthenticationPrincipal AccessTokenClaims claims,
			@Valid @RequestBody PasswordRequest request, ServerWebExchange exchange) {
		return limited(claims, exchange).then(Mono.defer(() -> caller(claims)))
			.flatMap((user) -> this.enrollment.enable(user, request.password()));
	}

	@Operation(summary = "Confirm the enrollment with a code from the app; 2FA is on from now",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200",
			description = "{twoFactorEnabled: true}; the caller's other sessions are revoked")
	@ApiResponse(responseCode = "400", description = "invalid_code")
	@BearerErrors
	@ApiResponse(responseCode = "409", description = "two_factor_not_pending")
	@ApiResponse(responseCode = "429", description = "rate_limited or account_locked")
	@RateLimitedErrors
	@PostMapping("/v1/auth/two-factor/verify")
	Mono<Map<String, Boolean>> verify(@AuthenticationPrincipal AccessTokenClaims claims,
			@Valid @RequestBody CodeRequest request, ServerWebExchange exchange) {
		return limited(claims, exchange).then(Mono.defer(() -> caller(claims)))
			.flatMap((user) -> this.enrollment.verify(user, request.code(), context(claims, exchange)))
			.flatMap((valid) -> valid ? Mono.just(Map.of("twoFactorEnabled", true))
					: Mono.error(() -> MfaProblems.invalidCode(HttpStatus.BAD_REQUEST)));
	}

	@Operation(summary = "Turn 2FA off with a TOTP or backup code (fresh authentication required)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200",
			description = "{twoFactorEnabled: false}; the caller's other sessions are revoked")
	@ApiResponse(responseCode = "400", description = "invalid_code")
	@BearerErrors
	@ApiResponse(responseCode = "403", description = "step_up_required")
	@ApiResponse(responseCode = "429", description = "rate_limited or account_locked")
	@RateLimitedErrors
	@PostMapping("/v1/auth/two-factor/disable")
	Mono<Map<String, Boolean>> disable(@AuthenticationPrincipal AccessTokenClaims claims,
			@Valid @RequestBody CodeRequest request, ServerWebExchange exchange) {
		return sensitive(claims, exchange)
			.flatMap((user) -> this.removal.disable(user, request.code(), context(claims, exchange)))
			.flatMap((valid) -> valid ? Mono.just(Map.of("twoFactorEnabled", false))
					: Mono.error(() -> MfaProblems.invalidCode(HttpStatus.BAD_REQUEST)));
	}

	@Operation(summary = "Replace the backup codes (fresh authentication required); the old ones stop working",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{backupCodes}")
	@ApiResponse(responseCode = "400", description = "invalid_code")
	@BearerErrors
	@ApiResponse(responseCode = "403", description = "step_up_required")
	@ApiResponse(responseCode = "429", description = "rate_limited or account_locked")
	@RateLimitedErrors
	@PostMapping("/v1/auth/two-factor/backup-codes")
	Mono<Map<String, List<String>>> backupCodes(@AuthenticationPrincipal AccessTokenClaims claims,
			@Valid @RequestBody CodeRequest request, ServerWebExchange exchange) {
		return sensitive(claims, exchange)
			.flatMap((user) -> this.regeneration.regenerate(user, request.code(), context(claims, exchange)))
			.switchIfEmpty(Mono.error(() -> MfaProblems.invalidCode(HttpStatus.BAD_REQUEST)))
			.map((codes) -> Map.of("backupCodes", codes));
	}

	private Mono<User> sensitive(AccessTokenClaims claims, ServerWebExchange exchange) {
		return this.stepUp.requireFresh(claims)
			.then(Mono.defer(() -> limited(claims, exchange)))
			.then(Mono.defer(() -> caller(claims)));
	}

	private Mono<Void> limited(AccessTokenClaims claims, ServerWebExchange exchange) {
		return this.rateLimiter.check(RateLimiter.TWO_FACTOR, exchange, claims.userId().toString());
	}

	private Mono<User> caller(AccessTokenClaims claims) {
		return this.users.findById(claims.userId()).switchIfEmpty(Mono.error(SessionProblems::revoked));
	}

	private static EventContext context(AccessTokenClaims claims, ServerWebExchange exchange) {
		ClientInfo client = ClientInfo.of(exchange);
		return EventContext.of(claims.userId(), claims.sessionId(), client);
	}

	record PasswordRequest(@NotNull @Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "PasswordRequest[]";
		}

	}

	record CodeRequest(@NotBlank @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "CodeRequest[]";
		}

	}

}
