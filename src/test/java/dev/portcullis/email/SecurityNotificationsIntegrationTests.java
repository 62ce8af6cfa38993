package dev.portcullis.email;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestDatabase;
import dev.portcullis.support.TestMailServer;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class SecurityNotificationsIntegrationTests extends IntegrationTest {

	static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

	static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

	static final String NEW_DEVICE = "New sign-in to your account";

	static final String REUSED = "A session of your account was ended for your protection";

	@Autowired
	SecurityEvents events;

	@Test
	void aSignInFromANewDeviceSendsOneMailPerDeviceEvenWhenItSignsInConcurrently() {
		String email = AuthClient.uniqueEmail();
		auth().signUpVerified(email);
		signIn(email, CHROME_WINDOWS);

		Flux.range(0, 6)
			.flatMap((i) -> Flux.defer(() -> Flux.just(signIn(email, FIREFOX_LINUX)))
				.subscribeOn(Schedulers.boundedElastic()))
			.blockLast();
		signIn(email, SAFARI_IPHONE);
		signIn(email, SAFARI_IPHONE);
		signIn(email, CHROME_WINDOWS);

		// the verification mail and one per new device; then nothing left to send
		List<MimeMessage> mails = this.mail.messagesTo(email, 3);
		assertThat(mails).hasSize(3);
		assertThat(pendingFor(email)).isZero();
		List<String> newDevice = mails.stream()
			.filter((message) -> NEW_DEVICE.equals(TestMailServer.subject(message)))
			.map(TestMailServer::text)
			.toList();
		assertThat(newDevice).hasSize(2);
		assertThat(newDevice).anySatisfy((text) -> assertThat(text).contains("Firefox on Linux (desktop)"));
		assertThat(newDevice).anySatisfy((text) -> assertThat(text).contains("Mobile Safari on iOS (mobile)"));
	}

	@Test
	void refreshTokenReuseSendsAMail() {
		String email = AuthClient.uniqueEmail();
		auth().signUpVerified(email);
		JsonNode tokens = auth().signIn(email);
		String first = tokens.get("refreshToken").asString();
		auth().refreshed(first);
		this.clock.advance(Duration.ofSeconds(11));

		expectProblem(auth().refresh(first), 401, "refresh_token_reused");

		MimeMessage message = this.mail.message(email, "A session of your account was ended for your protection");
		assertThat(TestMailServer.text(message)).contains("presented again");
	}

	@Test
	void replayingAReusedTokenInALoopRecordsAndMailsOnce() {
		String email = AuthClient.uniqueEmail();
		String userId = auth().signUpVerified(email).get("user").get("id").asString();
		String first = auth().signIn(email).get("refreshToken").asString();
		auth().refreshed(first);
		this.clock.advance(Duration.ofSeconds(11));

		for (int replay = 0; replay < 6; replay++) {
			expectProblem(auth().refresh(first), 401, "refresh_token_reused");
		}

		this.mail.message(email, REUSED);
		this.mail.deliver();
		assertThat(pendingFor(email)).isZero();
		assertThat(this.mail.messagesTo(email)).extracting(TestMailServer::subject).containsOnlyOnce(REUSED);
		assertThat(eventCount(userId, "refresh_token.reuse_detected")).isEqualTo(1);
	}

	@Test
	void noSecurityMailGoesToAnUnverifiedAddress() {
		String email = AuthClient.uniqueEmail();
		String userId = auth().signUp(email).get("user").get("id").asString();
		String first = auth().signIn(email).get("refreshToken").asString();
		auth().refreshed(first);
		this.clock.advance(Duration.ofSeconds(11));
		expectProblem(auth().refresh(first), 401, "refresh_token_reused");
		this.events.record("password.changed", EventContext.of(UUID.fromString(userId), null, null, null)).block();

		this.mail.message(email, "Verify your email address");
		this.mail.deliver();
		assertThat(pendingFor(email)).isZero();
		assertThat(eventCount(userId, "refresh_token.reuse_detected")).isEqualTo(1);
		assertThat(this.mail.messagesTo(email)).extracting(TestMailServer::subject)
			.containsExactly("Verify your email address");
	}

	@Test
	void lockingTheAccountAfterFailedSignInsSendsAMail() {
		String email = AuthClient.uniqueEmail();
		auth().signUpVerified(email);

		for (int attempt = 0; attempt < 5; attempt++) {
			expectProblem(this.http.post()
				.uri("/v1/auth/sign-in")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", email, "password", "not the password " + attempt))
				.exchange(), 401, "invalid_credentials");
		}

		MimeMessage message = this.mail.message(email, "Your account was locked");
		assertThat(TestMailServer.text(message)).contains("too many failed sign-in attempts");
	}

	@Test
	void eventsOfOtherFeaturesMapToTheirTemplates() {
		String email = AuthClient.uniqueEmail();
		UUID userId = UUID.fromString(auth().signUpVerified(email).get("user").get("id").asString());
		Map<String, String> subjects = Map.of("account.locked", "Your account was locked", "two_factor.enabled",
				"Two-factor authentication was turned on", "two_factor.disabled",
				"Two-factor authentication was turned off", "password.changed", "Your password was changed");

		subjects.keySet()
			.forEach((type) -> this.events.record(type, EventContext.of(userId, null, "203.0.113.9", "test")).block());

		subjects.values().forEach((subject) -> {
			MimeMessage message = this.mail.message(email, subject);
			assertThat(TestMailServer.text(message)).contains(email).contains("203.0.113.9");
			assertThat(TestMailServer.html(message)).contains("203.0.113.9").startsWith("<!DOCTYPE html>");
		});
	}

	@Test
	void everyMappedTypeHasATemplateAndRoutineEventsSendNothing() {
		assertThat(SecurityNotifications.TEMPLATES).containsOnlyKeys("session.new_device",
				"refresh_token.reuse_detected", "account.locked", "two_factor.enabled", "two_factor.disabled",
				"password.changed", "password.reset");
		String email = AuthClient.uniqueEmail();
		UUID userId = UUID.fromString(auth().signUpVerified(email).get("user").get("id").asString());
		IntStream.range(0, 3)
			.forEach((i) -> this.events.record("session.created", EventContext.of(userId, null, null, null)).block());
		this.events.record("password.changed", EventContext.of(userId, null, null, null)).block();

		assertThat(this.mail.messagesTo(email, 2)).extracting(TestMailServer::subject)
			.containsExactlyInAnyOrder("Verify your email address", "Your password was changed");
		assertThat(pendingFor(email)).isZero();
	}

	private static long eventCount(String userId, String type) {
		return TestDatabase.get()
			.count("select count(*) from security_events where user_id = ? and type = ?", UUID.fromString(userId),
					type);
	}

	private long pendingFor(String email) {
		return TestDatabase.get()
			.count("select count(*) from email_outbox where recipient = ? and status = 'pending'", email);
	}

	private JsonNode signIn(String email, String userAgent) {
		return auth().signInFrom(email, userAgent);
	}

}
