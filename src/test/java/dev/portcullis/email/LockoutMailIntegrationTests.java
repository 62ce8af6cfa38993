package dev.portcullis.email;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestMailServer;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** An account locked by wrong passwords tells its owner, once, end to end. */
class LockoutMailIntegrationTests extends IntegrationTest {

	private final TestMailServer mail = TestMailServer.get();

	@Test
	void theFailureThatLocksTheAccountSendsOneMail() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		for (int i = 0; i < 5; i++) {
			expectProblem(signIn(email, "not the password"), 401, "invalid_credentials");
		}
		expectProblem(signIn(email, AuthClient.PASSWORD), 429, "account_locked");
		expectProblem(signIn(email, "not the password"), 429, "account_locked");

		assertThat(TestMailServer.text(this.mail.awaitMessage(email, "Your account was locked"))).contains(email);
		assertThat(this.mail.messagesTo(email)).filteredOn((message) -> "Your account was locked".equals(TestMailServer.subject(message)))
			.hasSize(1);
	}

	private WebTestClient.ResponseSpec signIn(String email, String password) {
		return this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange();
	}

}
