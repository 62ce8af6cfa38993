package dev.portcullis.account.web;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class SignUpIntegrationTests extends IntegrationTest {

	@Test
	void lookAlikeEmailsAreOneAccount() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		// U+FF55 FULLWIDTH LATIN SMALL LETTER U, and a U+FB01 "fi" ligature below
		String lookAlike = "\uFF55" + email.substring(1);
		signUp(lookAlike, AuthClient.PASSWORD).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("email_taken");
		String id = auth().signIn(lookAlike).get("user").get("id").asString();
		assertThat(auth().signIn(email).get("user").get("id").asString()).isEqualTo(id);

		String ligature = "\uFB01-" + AuthClient.uniqueEmail();
		auth().signUp(ligature);
		signUp("fi-" + ligature.substring(2), AuthClient.PASSWORD).expectStatus().isEqualTo(409);
	}

	@Test
	void emailsAreUniqueCaseInsensitively() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		signUp(email.toUpperCase(Locale.ROOT), AuthClient.PASSWORD).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("email_taken");
	}

	@Test
	void weakPasswordsAreRefusedWithEveryViolation() {
		signUp(AuthClient.uniqueEmail(), "pass").expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("weak_password")
			.jsonPath("$.violations")
			.value((java.util.List<String> violations) -> assertThat(violations).contains("too_short"));
	}

	@Test
	void commonPasswordsAreRefused() {
		signUp(AuthClient.uniqueEmail(), "password1").expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.violations[0]")
			.isEqualTo("common_password");
	}

	@Test
	void passwordIsStoredOnlyAsAnArgon2idHashWithTheConfiguredCost() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		assertThat(TestDatabase.get().value(String.class, "select password_hash from users where email = ?", email))
			.startsWith("$argon2id$v=19$m=8,t=1,p=1$")
			.doesNotContain(AuthClient.PASSWORD);
	}

	@Test
	void unknownEmailAndWrongPasswordGetTheSameAnswer() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		byte[] wrongPassword = signIn(email, "wrong password entirely");
		byte[] unknownEmail = signIn(AuthClient.uniqueEmail(), "wrong password entirely");
		assertThat(new String(wrongPassword)).isEqualTo(new String(unknownEmail));
	}

	private byte[] signIn(String email, String password) {
		return this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.returnResult()
			.getResponseBody();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec signUp(String email,
			String password) {
		return this.http.post()
			.uri("/v1/auth/sign-up")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange();
	}

}
