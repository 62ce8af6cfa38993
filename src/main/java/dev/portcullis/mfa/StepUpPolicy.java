package dev.portcullis.mfa;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.Users;
import dev.portcullis.token.AccessTokenClaims;

/**
 * Decides whether a caller authenticated freshly enough for a sensitive action (password
 * change, 2FA disable, backup codes, admin state changes): {@code auth_time} within
 * {@code portcullis.step-up.max-age}, and {@code otp} among the methods when the user has
 * two-factor authentication, since a stolen password alone must not reach these actions.
 * Otherwise {@code 403 step_up_required}; the client re-authenticates at
 * {@code POST /v1/auth/step-up} and retries. 2FA is read from the account, not the token,
 * so enabling it takes effect for tokens already issued.
 */
@Component
public class StepUpPolicy {

	private final Users users;

	private final StepUpProperties properties;

	private final Clock clock;

	StepUpPolicy(Users users, StepUpProperties properties, Clock clock) {
		this.users = users;
		this.properties = properties;
		this.clock = clock;
	}

	/** Completes empty when the caller is fresh, else errors {@code step_up_required}. */
	public Mono<Void> requireFresh(AccessTokenClaims claims) {
		if (claims.authTime().plus(this.properties.maxAge()).isBefore(this.clock.instant())) {
			return Mono.error(MfaProblems.stepUpRequired());
		}
		if (claims.amr().contains("otp")) {
			return Mono.empty();
		}
		return this.users.findById(claims.userId())
			.filter((user) -> user.twoFactorEnabled())
			.flatMap((user) -> Mono.error(MfaProblems.stepUpRequired()));
	}

}
