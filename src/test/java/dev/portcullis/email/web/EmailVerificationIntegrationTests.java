package dev.portcullis.email.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;
import dev.portcullis.support.TestMailServer;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class EmailVerificationIntegrationTests extends IntegrationTest {

	static final String SUBJECT = "Verify your email address";

	@Test
	void signUpSendsAVerificationMailWhoseLinkVerifiesTheAddress() throws Exception {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);

		MimeMessage message = this.mail.message(email, SUBJECT);
		String link = TestMailServer.tokenLink(message);

		assertThat(link).startsWith(TestInfrastructure.get().issuer() + "/v1/auth/verify-email?token=");
		assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("no-reply@localhost");
		assertThat(message.getHeader("Message-ID")[0]).matches("<[0-9a-f-]{36}@localhost>");
		assertThat(TestMailServer.text(message)).contains("Test User").contains("24 hours");
		assertThat(TestMailServer.html(message)).contains("href=\"" + link + "\"");
		this.http.get()
			.uri(link)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.email")
			.isEqualTo(email)
			.jsonPath("$.user.emailVerified")
			.isEqualTo(true);
		JsonNode tokens = auth().signIn(email);
		assertThat(tokens.get("user").get("emailVerified").asBoolean()).isTrue();
		auth().get("/v1/auth/security-events", tokens.get("accessToken").asString())
			.expectBody()
			.jsonPath("$.events[?(@.type == 'email.verified')].userId")
			.isEqualTo(tokens.get("user").get("id").asString());
	}

	@Test
	void aUsedLinkAnswersTokenInvalid() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String token = TestMailServer.token(TestMailServer.tokenLink(this.mail.message(email, SUBJECT)));
		verify(token).expectStatus().isOk();

		expectProblem(verify(token), 400, "token_invalid");
		expectProblem(this.http.get().uri("/v1/auth/verify-email?token=" + token).exchange(), 400, "token_invalid");
	}

	@Test
	void anExpiredLinkAnswersTokenExpiredEveryTime() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String token = TestMailServer.token(TestMailServer.tokenLink(this.mail.message(email, SUBJECT)));
		this.clock.advance(Duration.ofHours(24).plusSeconds(1));

		expectProblem(verify(token), 410, "token_expired");
		expectProblem(verify(token), 410, "token_expired");
		assertThat(auth().signIn(email).get("user").get("emailVerified").asBoolean()).isFalse();
	}

	@Test
	void unknownAndMalformedTokensAnswerTokenInvalid() {
		expectProblem(verify("A".repeat(43)), 400, "token_invalid");
		expectProblem(verify("not a token"), 400, "token_invalid");
		expectProblem(this.http.get().uri("/v1/auth/verify-email").exchange(), 400, "token_invalid");
	}

	@Test
	void sendVerificationEmailSendsANewLinkAndVerifyingVoidsTheOlderOnes() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String first = TestMailServer.token(TestMailServer.tokenLink(this.mail.message(email, SUBJECT)));

		sendVerificationEmail(email).expectStatus().isAccepted().expectBody().isEmpty();
		List<MimeMessage> both = this.mail.messagesTo(email, 2);
		assertThat(both).hasSize(2);
		String second = TestMailServer.token(TestMailServer.tokenLink(both.get(1)));

		assertThat(second).isNotEqualTo(first);
		verify(second).expectStatus().isOk();
		expectProblem(verify(first), 400, "token_invalid");
	}

	@Test
	void sendVerificationEmailAnswersTheSameForUnknownAndVerifiedAddressesAndSendsNothing() {
		String unknown = AuthClient.uniqueEmail();
		String verified = AuthClient.uniqueEmail();
		auth().signUp(verified);
		verify(TestMailServer.token(TestMailServer.tokenLink(this.mail.message(verified, SUBJECT)))).expectStatus()
			.isOk();
		String pending = AuthClient.uniqueEmail();
		auth().signUp(pending);
		this.mail.message(pending, SUBJECT);

		sendVerificationEmail(unknown).expectStatus().isAccepted().expectBody().isEmpty();
		sendVerificationEmail(verified).expectStatus().isAccepted().expectBody().isEmpty();
		sendVerificationEmail(pending).expectStatus().isAccepted().expectBody().isEmpty();

		// the request for the unverified account was queued after the other two
		assertThat(this.mail.messagesTo(pending, 2)).hasSize(2);
		assertThat(this.mail.messagesTo(unknown)).isEmpty();
		assertThat(this.mail.messagesTo(verified)).hasSize(1);
	}

	@Test
	void sendVerificationEmailTakesAboutTheSameTimeForUnknownAndUnverifiedAddresses() {
		List<String> pending = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String email = AuthClient.uniqueEmail();
			auth().signUp(email);
			pending.add(email);
		}
		time(AuthClient.uniqueEmail());
		time(pending.get(0));
		List<Long> unknownTimes = new ArrayList<>();
		List<Long> pendingTimes = new ArrayList<>();
		for (int round = 0; round < 15; round++) {
			unknownTimes.add(time(AuthClient.uniqueEmail()));
			pendingTimes.add(time(pending.get(round % pending.size())));
		}

		long unknownMedian = median(unknownTimes);
		long pendingMedian = median(pendingTimes);
		assertThat(Math.abs(pendingMedian - unknownMedian))
			.as("median ms unverified %d vs unknown %d", pendingMedian, unknownMedian)
			.isLessThan(Math.max(15, Math.min(pendingMedian, unknownMedian)));
	}

	private long time(String email) {
		long start = System.nanoTime();
		sendVerificationEmail(email).expectStatus().isAccepted();
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	@Test
	void sendVerificationEmailRefusesAMalformedAddress() {
		expectProblem(sendVerificationEmail("not-an-email"), 400, "validation_failed");
	}

	private WebTestClient.ResponseSpec verify(String token) {
		return this.http.post()
			.uri("/v1/auth/verify-email")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", token))
			.exchange();
	}

	private WebTestClient.ResponseSpec sendVerificationEmail(String email) {
		return this.http.post()
			.uri("/v1/auth/send-verification-email")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email))
			.exchange();
	}

}
