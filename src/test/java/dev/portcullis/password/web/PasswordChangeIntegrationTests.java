package dev.portcullis.password.web;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestMailServer;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class PasswordChangeIntegrationTests extends IntegrationTest {

	static final String NEW_PASSWORD = "another long passphrase 9";

	@Test
	void changeRevokesTheOtherSessionsKeepsTheCallerAndNotifies() {
		String email = AuthClient.uniqueEmail();
		auth().signUpVerified(email);
		JsonNode other = auth().signIn(email);
		JsonNode caller = auth().signIn(email);

		change(caller, AuthClient.PASSWORD, NEW_PASSWORD).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.revoked")
			.isEqualTo(1);

		auth().get("/v1/auth/session", access(caller)).expectStatus().isOk();
		expectProblem(auth().get("/v1/auth/session", access(other)), 401, "session_revoked");
		expectProblem(signIn(email, AuthClient.PASSWORD), 401, "invalid_credentials");
		signIn(email, NEW_PASSWORD).expectStatus().isOk();
		assertThat(TestMailServer.text(this.mail.message(email, "Your password was changed")))
			.contains("Your other devices were signed out");
		auth().get("/v1/auth/security-events", access(caller))
			.expectBody()
			.jsonPath("$.events[?(@.type == 'password.changed')].sessionId")
			.isEqualTo(caller.get("session").get("id").asString());
	}

	@Test
	void aWrongCurrentPasswordAnswersInvalidCredentials() {
		JsonNode caller = auth().newSignedInUser();

		expectProblem(change(caller, "not my password at all", NEW_PASSWORD), 401, "invalid_credentials");
	}

	@Test
	void wrongCurrentPasswordsCountTowardsTheLockout() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode caller = auth().signIn(email);
		for (int attempt = 0; attempt < 5; attempt++) {
			expectProblem(change(caller, "not my password " + attempt, NEW_PASSWORD), 401, "invalid_credentials");
		}

		expectProblem(change(caller, AuthClient.PASSWORD, NEW_PASSWORD), 429, "account_locked");
		expectProblem(signIn(email, AuthClient.PASSWORD), 429, "account_locked");
	}

	@Test
	void aWeakNewPasswordAnswersWeakPassword() {
		JsonNode caller = auth().newSignedInUser();

		expectProblem(change(caller, AuthClient.PASSWORD, "short"), 422, "weak_password").jsonPath("$.violations")
			.isNotEmpty();
	}

	@Test
	void aStaleAuthenticationMustStepUpFirst() {
		JsonNode caller = auth().newSignedInUser();
		this.clock.advance(Duration.ofMinutes(11));

		expectProblem(change(caller, AuthClient.PASSWORD, NEW_PASSWORD), 403, "step_up_required");
	}

	@Test
	void changeNeedsABearerToken() {
		expectProblem(this.http.post()
			.uri("/v1/auth/password/change")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("currentPassword", AuthClient.PASSWORD, "newPassword", NEW_PASSWORD))
			.exchange(), 401, "unauthenticated");
	}

	private WebTestClient.ResponseSpec change(JsonNode tokens, String current, String next) {
		return auth().post("/v1/auth/password/change", access(tokens),
				Map.of("currentPassword", current, "newPassword", next));
	}

	private WebTestClient.ResponseSpec signIn(String email, String password) {
		return this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "tokenDelivery", "body"))
			.exchange();
	}

	private static String access(JsonNode tokens) {
		return tokens.get("accessToken").asString();
	}

}
