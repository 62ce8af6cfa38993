package dev.portcullis.password.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;
import dev.portcullis.support.TestMailServer;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class PasswordResetIntegrationTests extends IntegrationTest {

	static final String SUBJECT = "Reset your password";

	static final String NEW_PASSWORD = "a brand new passphrase 42";

	@Test
	void aResetLinkSetsANewPasswordRevokesEverySessionAndSendsAConfirmation() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode laptop = auth().signIn(email);
		JsonNode phone = auth().signIn(email);

		forgot(email).expectStatus().isAccepted().expectBody().isEmpty();
		String link = TestMailServer.tokenLink(this.mail.message(email, SUBJECT));
		assertThat(link).startsWith(TestInfrastructure.get().issuer() + "/account/reset-password?token=");

		reset(TestMailServer.token(link), NEW_PASSWORD).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.revoked")
			.isEqualTo(2);

		for (JsonNode session : List.of(laptop, phone)) {
			expectProblem(auth().get("/v1/auth/session", session.get("accessToken").asString()), 401,
					"session_revoked");
			expectProblem(auth().refresh(session.get("refreshToken").asString()), 401, "session_revoked");
		}
		expectProblem(signIn(email, AuthClient.PASSWORD), 401, "invalid_credentials");
		JsonNode fresh = signIn(email, NEW_PASSWORD).expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(fresh.get("user").get("emailVerified").asBoolean()).as("a reset proves the address").isTrue();
		MimeMessage confirmation = this.mail.message(email, "Your password was reset");
		assertThat(TestMailServer.text(confirmation)).contains("every device was signed out");
		auth().get("/v1/auth/security-events", fresh.get("accessToken").asString())
			.expectBody()
			.jsonPath("$.events[?(@.type == 'password.reset')].userId")
			.isEqualTo(fresh.get("user").get("id").asString());
	}

	@Test
	void aResetLiftsThePasswordLockout() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		for (int attempt = 0; attempt < 5; attempt++) {
			expectProblem(signIn(email, "not the password " + attempt), 401, "invalid_credentials");
		}
		expectProblem(signIn(email, AuthClient.PASSWORD), 429, "account_locked");

		forgot(email).expectStatus().isAccepted();
		reset(TestMailServer.token(TestMailServer.tokenLink(this.mail.message(email, SUBJECT))), NEW_PASSWORD)
			.expectStatus()
			.isOk();

		signIn(email, NEW_PASSWORD).expectStatus().isOk();
	}

	@Test
	void aUsedResetLinkAnswersTokenInvalid() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		forgot(email).expectStatus().isAccepted();
		String token = TestMailServer.token(TestMailServer.tokenLink(this.mail.message(email, SUBJECT)));
		reset(token, NEW_PASSWORD).expectStatus().isOk();

		expectProblem(reset(token, "yet another passphrase 77"), 400, "token_invalid");
		signIn(email, NEW_PASSWORD).expectStatus().isOk();
	}

	@Test
	void concurrentUsesOfOneResetLinkLetExactlyOneSucceed() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		forgot(email).expectStatus().isAccepted();
		String token = TestMailServer.token(TestMailServer.tokenLink(this.mail.message(email, SUBJECT)));

		List<Integer> statuses = Flux.range(0, 6)
			.flatMap((i) -> Mono
				.fromCallable(() -> reset(token, NEW_PASSWORD + " " + i).returnResult(byte[].class).getStatus().value())
				.subscribeOn(Schedulers.boundedElastic()))
			.collectList()
			.block();

		assertThat(statuses).containsOnly(200, 400).filteredOn((status) -> status == 200).hasSize(1);
	}

	@Test
	void anExpiredResetLinkAnswersTokenExpired() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		forgot(email).expectStatus().isAccepted();
		String token = TestMailServer.token(TestMailServer.tokenLink(this.mail.message(email, SUBJECT)));
		this.clock.advance(Duration.ofMinutes(30).plusSeconds(1));

		expectProblem(reset(token, NEW_PASSWORD), 410, "token_expired");
		this.clock.reset();
		signIn(email, AuthClient.PASSWORD).expectStatus().isOk();
	}

	@Test
	void aWeakPasswordIsRefusedAndTheLinkStaysUsable() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		forgot(email).expectStatus().isAccepted();
		String token = TestMailServer.token(TestMailServer.tokenLink(this.mail.message(email, SUBJECT)));

		expectProblem(reset(token, "password"), 422, "weak_password").jsonPath("$.violations").isNotEmpty();
		reset(token, NEW_PASSWORD).expectStatus().isOk();
	}

	@Test
	void unknownAndMalformedTokensAnswerTokenInvalid() {
		expectProblem(reset("B".repeat(43), NEW_PASSWORD), 400, "token_invalid");
		expectProblem(reset("../../etc", NEW_PASSWORD), 400, "token_invalid");
	}

	@Test
	void aVerificationTokenIsNotAResetToken() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String verification = TestMailServer
			.token(TestMailServer.tokenLink(this.mail.message(email, "Verify your email address")));

		expectProblem(reset(verification, NEW_PASSWORD), 400, "token_invalid");
	}

	@Test
	void forgotAnswersTheSameForUnknownAddressesAndSendsNothing() {
		String unknown = AuthClient.uniqueEmail();
		String known = AuthClient.uniqueEmail();
		auth().signUp(known);

		EntityExchangeResult<byte[]> forUnknown = forgot(unknown).expectBody().returnResult();
		EntityExchangeResult<byte[]> forKnown = forgot(known).expectBody().returnResult();

		assertThat(forUnknown.getStatus().value()).isEqualTo(202).isEqualTo(forKnown.getStatus().value());
		assertThat(forUnknown.getResponseBody()).isEqualTo(forKnown.getResponseBody());
		assertThat(forUnknown.getResponseHeaders().headerNames())
			.isEqualTo(forKnown.getResponseHeaders().headerNames());
		this.mail.message(known, SUBJECT);
		assertThat(this.mail.messagesTo(unknown)).isEmpty();
	}

	@Test
	void forgotTakesAboutTheSameTimeForUnknownAndKnownAddresses() {
		List<String> known = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String email = AuthClient.uniqueEmail();
			auth().signUp(email);
			known.add(email);
		}
		// warm up both paths
		forgot(AuthClient.uniqueEmail()).expectStatus().isAccepted();
		forgot(known.get(0)).expectStatus().isAccepted();
		List<Long> unknownTimes = new ArrayList<>();
		List<Long> knownTimes = new ArrayList<>();
		for (int round = 0; round < 15; round++) {
			unknownTimes.add(time(AuthClient.uniqueEmail()));
			knownTimes.add(time(known.get(round % known.size())));
		}

		long unknownMedian = median(unknownTimes);
		long knownMedian = median(knownTimes);
		// No Argon2, database write or SMTP on the answering path for either: within a
		// few ms.
		assertThat(Math.abs(knownMedian - unknownMedian))
			.as("median ms known %d vs unknown %d", knownMedian, unknownMedian)
			.isLessThan(Math.max(15, Math.min(knownMedian, unknownMedian)));
	}

	private long time(String email) {
		long start = System.nanoTime();
		forgot(email).expectStatus().isAccepted();
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private WebTestClient.ResponseSpec forgot(String email) {
		return this.http.post()
			.uri("/v1/auth/password/forgot")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email))
			.exchange();
	}

	private WebTestClient.ResponseSpec reset(String token, String newPassword) {
		return this.http.post()
			.uri("/v1/auth/password/reset")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", token, "newPassword", newPassword))
			.exchange();
	}

	private WebTestClient.ResponseSpec signIn(String email, String password) {
		return this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "tokenDelivery", "body"))
			.exchange();
	}

}
