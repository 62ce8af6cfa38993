package dev.portcullis.mfa.web;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.mfa.web.TwoFactorFixture.Enrolled;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brute-force defences on the second factor, seen through the two-factor endpoints:
 * the contract's per-account code limit (on an instance of its own with the contract's
 * value and Redis prefix) and the second-factor lockout (on the shared test instance).
 */
class TwoFactorLimitsIntegrationTests extends IntegrationTest {

	private static SecondInstance limited;

	private TwoFactorFixture twoFactor;

	@BeforeAll
	static void start() {
		limited = SecondInstance
			.start(Map.of("portcullis.redis-prefix", TestInfrastructure.get().redisPrefix() + "-2fa",
					"portcullis.rate-limit.two-factor.per-account", "10/10m"));
	}

	@AfterAll
	static void stop() {
		limited.close();
	}

	@BeforeEach
	void fixture() {
		this.twoFactor = new TwoFactorFixture(this.http, this.clock);
	}

	@Test
	void theEleventhTwoFactorRequestOfAnAccountWithinTenMinutesIsRateLimitedEvenWithAValidCode() {
		TwoFactorFixture fixture = new TwoFactorFixture(limited.http(), this.clock);
		Enrolled user = fixture.enrolled(); // enable (a password guess) and verify count:
											// 2 of 10

		for (int i = 0; i < 8; i++) {
			WebTestClient.ResponseSpec response = fixture.complete(fixture.mfaToken(user.email()),
					user.backupCodes().get(i));
			response.expectStatus().isOk();
			response.expectHeader().valueEquals("RateLimit-Limit", "10");
		}

		WebTestClient.ResponseSpec refused = fixture.complete(fixture.mfaToken(user.email()),
				user.backupCodes().get(8));
		expectProblem(refused, 429, "rate_limited");
		refused.expectHeader().valueEquals("Retry-After", "600");
	}

	@Test
	void fiveWrongCodesLockTheSecondFactorUntilTheLockEnds() {
		Enrolled user = this.twoFactor.enrolled();
		String mfaToken = this.twoFactor.mfaToken(user.email());
		for (int i = 0; i < 5; i++) {
			expectProblem(this.twoFactor.complete(mfaToken, this.twoFactor.wrongCode(user.secret())), 401,
					"invalid_code");
		}

		WebTestClient.ResponseSpec locked = this.twoFactor.complete(mfaToken, this.twoFactor.nextCode(user.secret()));
		expectProblem(locked, 429, "account_locked");
		// locked one code step (30 s) before nextCode moved the clock
		locked.expectHeader().valueEquals("Retry-After", "870");
		expectProblem(this.twoFactor.complete(mfaToken, user.backupCodes().get(0)), 429, "account_locked");

		this.clock.advance(Duration.ofMinutes(16));
		this.twoFactor.complete(this.twoFactor.mfaToken(user.email()), this.twoFactor.nextCode(user.secret()))
			.expectStatus()
			.isOk();
	}

}
