package dev.portcullis.mfa.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.portcullis.mfa.web.TwoFactorFixture.Enrolled;
import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestDatabase;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class StepUpIntegrationTests extends IntegrationTest {

	private TwoFactorFixture twoFactor;

	@BeforeEach
	void fixture() {
		this.twoFactor = new TwoFactorFixture(this.http, this.clock);
	}

	@Test
	void aStaleSessionIsRefusedUntilItStepsUpThenTheSameSessionIsFresh() {
		Enrolled enrolled = this.twoFactor.enrolled();
		JsonNode tokens = this.twoFactor.signedInWithCode(enrolled);
		String sessionId = tokens.get("session").get("id").asString();
		this.clock.advance(Duration.ofMinutes(11));
		this.twoFactor.nextCode(enrolled.secret());
		expectProblem(auth().post("/v1/auth/two-factor/backup-codes", tokens.get("accessToken").asString(),
				Map.of("code", this.twoFactor.code(enrolled.secret()))), 403, "step_up_required");

		JsonNode stepped = this.twoFactor
			.stepUp(tokens.get("accessToken").asString(),
					Map.of("password", AuthClient.PASSWORD, "code", this.twoFactor.nextCode(enrolled.secret())))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(stepped.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(stepped.get("expiresIn").asLong()).isEqualTo(900);
		assertThat(stepped.has("refreshToken")).isFalse();
		String fresh = stepped.get("accessToken").asString();
		JsonNode claims = TwoFactorFixture.claims(fresh);
		assertThat(claims.get("sid").asString()).isEqualTo(sessionId);
		assertThat(claims.get("auth_time").asLong())
			.isGreaterThan(TwoFactorFixture.claims(tokens.get("accessToken").asString()).get("auth_time").asLong())
			.isEqualTo(this.clock.instant().getEpochSecond());
		assertThat(TwoFactorFixture.amr(fresh)).containsExactly("pwd", "otp");
		auth()
			.post("/v1/auth/two-factor/backup-codes", fresh, Map.of("code", this.twoFactor.nextCode(enrolled.secret())))
			.expectStatus()
			.isOk();
		// A refresh of the session keeps the new auth_time.
		JsonNode refreshed = auth().refreshed(tokens.get("refreshToken").asString());
		assertThat(TwoFactorFixture.claims(refreshed.get("accessToken").asString()).get("auth_time").asLong())
			.isEqualTo(claims.get("auth_time").asLong());
	}

	@Test
	void anAdminWithTwoFactorStepsUpWithACodeBeforeAdminStateChanges() {
		Enrolled admin = this.twoFactor.enrolled();
		TestDatabase.get().promoteToAdmin(UUID.fromString(admin.userId()));
		String target = auth().newSignedInUser().get("user").get("id").asString();
		String stale = this.twoFactor.signedInWithCode(admin).get("accessToken").asString();
		this.clock.advance(Duration.ofMinutes(11));
		expectProblem(auth().post("/v1/admin/users/" + target + "/unlock", stale, Map.of()), 403, "step_up_required");
		// A password alone is not enough for an account with 2FA.
		expectProblem(this.twoFactor.stepUp(stale, Map.of("password", AuthClient.PASSWORD)), 400, "invalid_code");

		String fresh = this.twoFactor
			.stepUp(stale, Map.of("password", AuthClient.PASSWORD, "code", this.twoFactor.nextCode(admin.secret())))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("accessToken")
			.asString();

		auth().post("/v1/admin/users/" + target + "/unlock", fresh, Map.of()).expectStatus().isOk();
	}

	@Test
	void aUserWithoutTwoFactorStepsUpWithThePasswordAlone() {
		JsonNode tokens = auth().newSignedInUser();
		this.clock.advance(Duration.ofMinutes(11));
		Instant now = this.clock.instant();

		String fresh = this.twoFactor
			.stepUp(tokens.get("accessToken").asString(), Map.of("password", AuthClient.PASSWORD, "code", "123456"))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("accessToken")
			.asString();

		assertThat(TwoFactorFixture.amr(fresh)).containsExactly("pwd");
		assertThat(TwoFactorFixture.claims(fresh).get("auth_time").asLong())
			.isGreaterThanOrEqualTo(now.getEpochSecond());
	}

	@Test
	void aWrongPasswordAnswersInvalidCredentials() {
		Enrolled enrolled = this.twoFactor.enrolled();
		expectProblem(
				this.twoFactor.stepUp(enrolled.access(),
						Map.of("password", "not the password", "code", this.twoFactor.nextCode(enrolled.secret()))),
				401, "invalid_credentials");
	}

	@Test
	void withTwoFactorOnAMissingOrWrongCodeAnswersInvalidCode() {
		Enrolled enrolled = this.twoFactor.enrolled();
		expectProblem(this.twoFactor.stepUp(enrolled.access(), Map.of("password", AuthClient.PASSWORD)), 400,
				"invalid_code");
		this.twoFactor.nextCode(enrolled.secret());
		expectProblem(
				this.twoFactor.stepUp(enrolled.access(),
						Map.of("password", AuthClient.PASSWORD, "code", this.twoFactor.wrongCode(enrolled.secret()))),
				400, "invalid_code");
		String code = this.twoFactor.code(enrolled.secret());
		this.twoFactor.stepUp(enrolled.access(), Map.of("password", AuthClient.PASSWORD, "code", code))
			.expectStatus()
			.isOk();
		// The same code twice: refused.
		expectProblem(this.twoFactor.stepUp(enrolled.access(), Map.of("password", AuthClient.PASSWORD, "code", code)),
				400, "invalid_code");
	}

	@Test
	void stepUpNeedsABearerToken() {
		expectProblem(this.http.post()
			.uri("/v1/auth/step-up")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("password", AuthClient.PASSWORD))
			.exchange(), 401, "unauthenticated");
	}

}
