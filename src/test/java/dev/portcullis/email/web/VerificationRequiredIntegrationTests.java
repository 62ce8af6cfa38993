package dev.portcullis.email.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.crypto.Tokens;
import dev.portcullis.support.AuthClient;
import dev.portcullis.support.Mailbox;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestDatabase;
import dev.portcullis.support.TestMailServer;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance with {@code portcullis.email.verification.required} and a redirect URL for
 * verification links.
 */
class VerificationRequiredIntegrationTests {

	static final String REDIRECT = "https://app.example.com/email-verified";

	static SecondInstance instance;

	static WebTestClient http;

	Mailbox mail;

	@BeforeAll
	static void start() {
		instance = SecondInstance.start(
				Map.of("portcullis.email.verification.required", "true", "portcullis.email.verification.redirect-url",
						REDIRECT, "portcullis.email.from", "Example Sign-in <auth@example.com>"));
		// the instance's own default of 5s is short on a busy machine (Argon2 per
		// sign-in)
		http = instance.http().mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

	@AfterAll
	static void stop() {
		instance.close();
	}

	@BeforeEach
	void mailbox() {
		this.mail = new Mailbox(instance.context());
	}

	@Test
	void signInAnswersEmailNotVerifiedUntilTheLinkIsOpened() throws Exception {
		String email = AuthClient.uniqueEmail();
		new AuthClient(http).signUp(email);

		expectProblem(signIn(email, AuthClient.PASSWORD), 403, "email_not_verified");
		// a wrong password still learns nothing about the account
		expectProblem(signIn(email, "wrong password entirely"), 401, "invalid_credentials");
		MimeMessage message = this.mail.message(email, "Verify your email address");
		InternetAddress from = (InternetAddress) message.getFrom()[0];
		assertThat(from.getAddress()).isEqualTo("auth@example.com");
		assertThat(from.getPersonal()).isEqualTo("Example Sign-in");
		String link = TestMailServer.tokenLink(message);
		http.get()
			.uri(link.substring(link.indexOf("/v1/")))
			.exchange()
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueEquals("Location", REDIRECT + "?status=verified");

		signIn(email, AuthClient.PASSWORD).expectStatus().isOk();
		http.get()
			.uri(link.substring(link.indexOf("/v1/")))
			.exchange()
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueEquals("Location", REDIRECT + "?status=invalid");
	}

	@Test
	void anExpiredLinkRedirectsWithStatusExpired() {
		String email = AuthClient.uniqueEmail();
		UUID userId = UUID.fromString(new AuthClient(http).signUp(email).get("user").get("id").asString());
		String token = Tokens.random();
		Instant now = MutableClock.shared().instant();
		TestDatabase.get()
			.update("insert into email_tokens (token_hash, purpose, user_id, created_at, expires_at) "
					+ "values (?, 'VERIFY_EMAIL', ?, ?, ?)", Tokens.hash(token), userId, now.minusSeconds(90_000),
					now.minusSeconds(3_600));

		http.get()
			.uri("/v1/auth/verify-email?token=" + token)
			.exchange()
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueEquals("Location", REDIRECT + "?status=expired");
		expectProblem(signIn(email, AuthClient.PASSWORD), 403, "email_not_verified");
	}

	@Test
	void thePostFormStillAnswersJson() {
		String email = AuthClient.uniqueEmail();
		new AuthClient(http).signUp(email);
		String token = TestMailServer
			.token(TestMailServer.tokenLink(this.mail.message(email, "Verify your email address")));

		http.post()
			.uri("/v1/auth/verify-email")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.emailVerified")
			.isEqualTo(true);
		signIn(email, AuthClient.PASSWORD).expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec signIn(String email, String password) {
		return http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "tokenDelivery", "body"))
			.exchange();
	}

}
