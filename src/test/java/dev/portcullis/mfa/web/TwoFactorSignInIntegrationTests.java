package dev.portcullis.mfa.web;

import java.util.Locale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.portcullis.mfa.web.TwoFactorFixture.Enrolled;
import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class TwoFactorSignInIntegrationTests extends IntegrationTest {

	private TwoFactorFixture twoFactor;

	@org.springframework.beans.factory.annotation.Autowired
	private dev.portcullis.session.SessionRevoker revoker;

	@BeforeEach
	void fixture() {
		this.twoFactor = new TwoFactorFixture(this.http, this.clock);
	}

	@Test
	void aPasswordChangeDiscardsOpenChallenges() {
		Enrolled enrolled = this.twoFactor.enrolled();
		// with 2FA on, a password change needs a session proven with a code
		String access = this.twoFactor.signedInWithCode(enrolled).get("accessToken").asString();
		String mfaToken = this.twoFactor.mfaToken(enrolled.email());

		auth()
			.post("/v1/auth/password/change", access,
					Map.of("currentPassword", AuthClient.PASSWORD, "newPassword", "another long passphrase 9"))
			.expectStatus()
			.isOk();

		expectProblem(this.twoFactor.complete(mfaToken, this.twoFactor.nextCode(enrolled.secret())), 401,
				"mfa_token_invalid");
	}

	@Test
	void revokingEverySessionDiscardsOpenChallengesAsResetAndForcedLogoutDo() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String mfaToken = this.twoFactor.mfaToken(enrolled.email());

		this.revoker.revokeAll(java.util.UUID.fromString(enrolled.userId()), null, "revoked_by_admin",
				dev.portcullis.audit.EventContext.of(java.util.UUID.fromString(enrolled.userId()), null, null, null))
			.block();

		expectProblem(this.twoFactor.complete(mfaToken, this.twoFactor.nextCode(enrolled.secret())), 401,
				"mfa_token_invalid");
	}

	@Test
	void signInOfATwoFactorUserAnswersAChallengeAndNoTokens() {
		Enrolled enrolled = this.twoFactor.enrolled();

		EntityExchangeResult<JsonNode> result = this.twoFactor
			.signIn(Map.of("email", enrolled.email(), "password", AuthClient.PASSWORD))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult();

		JsonNode body = result.getResponseBody();
		assertThat(body.get("mfaRequired").asBoolean()).isTrue();
		assertThat(body.get("mfaToken").asString()).hasSize(43);
		assertThat(body.get("methods")).extracting(JsonNode::asString).containsExactly("totp", "backup_code");
		assertThat(body.has("accessToken")).isFalse();
		assertThat(result.getResponseCookies()).isEmpty();
	}

	@Test
	void aWrongPasswordStillAnswersInvalidCredentials() {
		Enrolled enrolled = this.twoFactor.enrolled();
		expectProblem(this.twoFactor.signIn(Map.of("email", enrolled.email(), "password", "wrong password")), 401,
				"invalid_credentials");
	}

	@Test
	void bodyDeliveryChosenAtSignInCarriesOverWithOtpInAmr() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String mfaToken = this.twoFactor.challenge(enrolled.email(), Map.of("tokenDelivery", "body"))
			.get("mfaToken")
			.asString();

		EntityExchangeResult<JsonNode> result = this.twoFactor
			.complete(mfaToken, this.twoFactor.nextCode(enrolled.secret()))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult();

		JsonNode tokens = result.getResponseBody();
		TwoFactorFixture.assertTokenResponse(tokens);
		assertThat(tokens.get("refreshToken").asString()).isNotBlank();
		assertThat(result.getResponseCookies()).doesNotContainKey("portcullis_refresh");
		assertThat(TwoFactorFixture.amr(tokens.get("accessToken").asString())).containsExactly("pwd", "otp");
		assertThat(tokens.get("user").get("twoFactorEnabled").asBoolean()).isTrue();
		assertThat(tokens.get("refreshExpiresIn").asLong()).isLessThanOrEqualTo(Duration.ofHours(24).toSeconds());
		// The session remembers the second factor: refreshed tokens keep otp, and it
		// lists as twoFactor.
		JsonNode refreshed = auth().refreshed(tokens.get("refreshToken").asString());
		assertThat(TwoFactorFixture.amr(refreshed.get("accessToken").asString())).containsExactly("pwd", "otp");
		auth().get("/v1/auth/session", refreshed.get("accessToken").asString())
			.expectBody()
			.jsonPath("$.session.twoFactor")
			.isEqualTo(true);
	}

	@Test
	void cookieDeliveryAndRememberMeChosenAtSignInCarryOver() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String mfaToken = this.twoFactor.challenge(enrolled.email(), Map.of("rememberMe", true))
			.get("mfaToken")
			.asString();

		EntityExchangeResult<JsonNode> result = this.twoFactor
			.complete(mfaToken, this.twoFactor.nextCode(enrolled.secret()))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult();

		JsonNode tokens = result.getResponseBody();
		TwoFactorFixture.assertTokenResponse(tokens);
		assertThat(tokens.has("refreshToken")).isFalse();
		ResponseCookie cookie = result.getResponseCookies().getFirst("portcullis_refresh");
		assertThat(cookie).isNotNull();
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.getValue()).hasSize(43);
		assertThat(result.getResponseCookies().getFirst("XSRF-TOKEN").getValue()).isNotBlank();
		assertThat(tokens.get("refreshExpiresIn").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
		assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofDays(30));
		assertThat(TwoFactorFixture.amr(tokens.get("accessToken").asString())).containsExactly("pwd", "otp");
	}

	@Test
	void aWrongCodeAnswersInvalidCodeAndLeavesTheChallengeOpen() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String mfaToken = this.twoFactor.mfaToken(enrolled.email());
		this.twoFactor.nextCode(enrolled.secret());

		expectProblem(this.twoFactor.complete(mfaToken, this.twoFactor.wrongCode(enrolled.secret())), 401,
				"invalid_code");
		expectProblem(this.twoFactor.complete(mfaToken, "not-a-backup-code"), 401, "invalid_code");
		this.twoFactor.complete(mfaToken, this.twoFactor.code(enrolled.secret())).expectStatus().isOk();
	}

	@Test
	void anMfaTokenCompletesOneSignInOnly() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String mfaToken = this.twoFactor.mfaToken(enrolled.email());
		this.twoFactor.complete(mfaToken, this.twoFactor.nextCode(enrolled.secret())).expectStatus().isOk();

		expectProblem(this.twoFactor.complete(mfaToken, this.twoFactor.nextCode(enrolled.secret())), 401,
				"mfa_token_invalid");
	}

	@Test
	void anExpiredOrUnknownMfaTokenAnswersMfaTokenInvalid() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String mfaToken = this.twoFactor.mfaToken(enrolled.email());
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

		expectProblem(this.twoFactor.complete(mfaToken, this.twoFactor.code(enrolled.secret())), 401,
				"mfa_token_invalid");
		expectProblem(this.twoFactor.complete("x".repeat(43), this.twoFactor.code(enrolled.secret())), 401,
				"mfa_token_invalid");
		expectProblem(this.twoFactor.complete("short", "123456"), 401, "mfa_token_invalid");
		// The access token of the enrolling session is no mfaToken either.
		expectProblem(this.twoFactor.complete(enrolled.access(), "123456"), 401, "mfa_token_invalid");
	}

	@Test
	void missingFieldsAnswerValidationFailed() {
		expectProblem(this.http.post()
			.uri("/v1/auth/sign-in/two-factor")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("mfaToken", "x".repeat(43)))
			.exchange(), 400, "validation_failed");
	}

	@Test
	void aUsedCodeAndACodeOfAnOlderStepAreRefused() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String previous = this.twoFactor.nextCode(enrolled.secret());
		String current = this.twoFactor.nextCode(enrolled.secret());
		this.twoFactor.complete(this.twoFactor.mfaToken(enrolled.email()), current).expectStatus().isOk();

		// Same code again, within its validity window.
		expectProblem(this.twoFactor.complete(this.twoFactor.mfaToken(enrolled.email()), current), 401, "invalid_code");
		// The previous step's code is still inside the ±1 window, but older than the one
		// used.
		expectProblem(this.twoFactor.complete(this.twoFactor.mfaToken(enrolled.email()), previous), 401,
				"invalid_code");
	}

	@Test
	void theSameCodeSentInParallelSucceedsAtMostOnce() throws Exception {
		Enrolled enrolled = this.twoFactor.enrolled();
		// Enrollment used two of the account's ten two-factor attempts per 10 minutes.
		int attempts = 6;
		List<String> mfaTokens = new ArrayList<>();
		for (int i = 0; i < attempts; i++) {
			mfaTokens.add(this.twoFactor.mfaToken(enrolled.email()));
		}
		String code = this.twoFactor.nextCode(enrolled.secret());

		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(attempts);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (String mfaToken : mfaTokens) {
				Callable<Integer> attempt = () -> {
					start.await();
					return this.twoFactor.complete(mfaToken, code).returnResult(JsonNode.class).getStatus().value();
				};
				statuses.add(pool.submit(attempt));
			}
			start.countDown();
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get());
			}
			assertThat(answered).containsOnly(200, 401);
			assertThat(answered).filteredOn((status) -> status == 200).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void eachBackupCodeSignsInOnce() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String backupCode = enrolled.backupCodes().get(0);

		JsonNode tokens = this.twoFactor
			.complete(this.twoFactor.mfaToken(enrolled.email()), backupCode.toUpperCase(Locale.ROOT))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(TwoFactorFixture.amr(tokens.get("accessToken").asString())).containsExactly("pwd", "otp");

		expectProblem(this.twoFactor.complete(this.twoFactor.mfaToken(enrolled.email()), backupCode), 401,
				"invalid_code");
		// events list newest first: the second use happens a second later
		this.clock.advance(Duration.ofSeconds(1));
		this.twoFactor.complete(this.twoFactor.mfaToken(enrolled.email()), enrolled.backupCodes().get(1))
			.expectStatus()
			.isOk();
		List<Integer> remaining = new ArrayList<>();
		auth().get("/v1/auth/security-events", tokens.get("accessToken").asString())
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("events")
			.forEach((event) -> {
				if (event.get("type").asString().equals("two_factor.backup_code_used")) {
					remaining.add(event.get("details").get("remaining").asInt());
				}
			});
		assertThat(remaining).containsExactly(8, 9);
	}

	@Test
	void aCodeUsedOnOneInstanceIsRefusedOnAnother() {
		Enrolled enrolled = this.twoFactor.enrolled();
		SecondInstance second = SecondInstance.shared();
		// past the enrollment's step; both instances read the same clock
		String code = this.twoFactor.nextCode(enrolled.secret());
		String thereToken = challengeAt(second, enrolled.email());
		TwoFactorFixture.complete(second.http(), thereToken, code).expectStatus().isOk();

		expectProblem(this.twoFactor.complete(this.twoFactor.mfaToken(enrolled.email()), code), 401, "invalid_code");
		expectProblem(TwoFactorFixture.complete(second.http(), challengeAt(second, enrolled.email()), code), 401,
				"invalid_code");
	}

	private static String challengeAt(SecondInstance instance, String email) {
		return instance.http()
			.post()
			.uri("/v1/auth/sign-in")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", AuthClient.PASSWORD, "tokenDelivery", "body"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("mfaToken")
			.asString();
	}

}
