package dev.portcullis.mfa.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.portcullis.account.Users;
import dev.portcullis.mfa.BackupCodeRegeneration;
import dev.portcullis.mfa.Enrollment;
import dev.portcullis.mfa.PendingSignIn;
import dev.portcullis.mfa.Reauthentication;
import dev.portcullis.mfa.TwoFactorRemoval;
import dev.portcullis.mfa.TwoFactorSignIn;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.mfa.StepUpPolicy;
import dev.portcullis.session.TokenDelivery;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenClaims;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Every second-factor submission is counted against the account's {@code two-factor}
 * limit before any code is checked, and a refusal stops the request there.
 */
class TwoFactorRateLimitTests {

	private static final UUID USER = UUID.randomUUID();

	private static final AccessTokenClaims CLAIMS = new AccessTokenClaims(USER, UUID.randomUUID(), Instant.now(),
			List.of("pwd", "otp"), List.of("user"), "jti", Instant.now(), Instant.now().plusSeconds(900));

	private final RateLimiter rateLimiter = mock(RateLimiter.class);

	private final MockServerWebExchange exchange = MockServerWebExchange
		.from(MockServerHttpRequest.post("/v1/auth/anything"));

	@BeforeEach
	void limitExhausted() {
		given(this.rateLimiter.check(eq(RateLimiter.TWO_FACTOR), eq(this.exchange), eq(USER.toString())))
			.willReturn(Mono.error(new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "Slow down.")));
	}

	@Test
	void signInWithACodeIsLimitedPerAccountBeforeTheCodeIsChecked() {
		TwoFactorSignIn signIn = mock(TwoFactorSignIn.class);
		given(signIn.pending("token")).willReturn(Mono.just(new PendingSignIn("token", USER, false, true)));
		TwoFactorSignInController controller = new TwoFactorSignInController(signIn, mock(TokenDelivery.class),
				this.rateLimiter);

		expectRateLimited(controller.complete(new TwoFactorSignInController.TwoFactorSignInRequest("token", "123456"),
				this.exchange));
		verify(signIn).pending("token");
		verify(signIn, org.mockito.Mockito.never()).complete(any(), any(), any());
	}

	@Test
	void stepUpIsLimitedPerAccountBeforeAnyCredentialIsChecked() {
		Reauthentication reauthentication = mock(Reauthentication.class);
		StepUpController controller = new StepUpController(reauthentication, this.rateLimiter);

		expectRateLimited(
				controller.stepUp(CLAIMS, new StepUpController.StepUpRequest("password", "123456"), this.exchange));
		verifyNoInteractions(reauthentication);
	}

	@Test
	void everyTwoFactorSettingsCallIsLimitedPerAccount() {
		Users users = mock(Users.class);
		Enrollment enrollment = mock(Enrollment.class);
		TwoFactorRemoval removal = mock(TwoFactorRemoval.class);
		BackupCodeRegeneration regeneration = mock(BackupCodeRegeneration.class);
		StepUpPolicy stepUp = mock(StepUpPolicy.class);
		given(stepUp.requireFresh(CLAIMS)).willReturn(Mono.empty());
		TwoFactorController controller = new TwoFactorController(users, enrollment, removal, regeneration, stepUp,
				this.rateLimiter);
		TwoFactorController.CodeRequest code = new TwoFactorController.CodeRequest("123456");

		expectRateLimited(
				controller.enable(CLAIMS, new TwoFactorController.PasswordRequest("password"), this.exchange));
		expectRateLimited(controller.verify(CLAIMS, code, this.exchange));
		expectRateLimited(controller.disable(CLAIMS, code, this.exchange));
		expectRateLimited(controller.backupCodes(CLAIMS, code, this.exchange));
		verifyNoInteractions(users, enrollment, removal, regeneration);
	}

	private static void expectRateLimited(Mono<?> answer) {
		StepVerifier.create(answer)
			.expectErrorMatches((ex) -> ex instanceof ProblemException problem && problem.code().equals("rate_limited"))
			.verify();
	}

}
