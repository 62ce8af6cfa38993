package dev.portcullis.email;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestDatabase;
import dev.portcullis.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class OutboxIntegrationTests extends IntegrationTest {

	final TestMailServer smtp = TestMailServer.get();

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	MeterRegistry meters;

	@Autowired
	SecurityEvents events;

	@Autowired
	TransactionalOperator transactions;

	@Test
	void mailWaitsOutAnSmtpOutageAndIsDeliveredExactlyOnceWhenItEnds() throws Exception {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		// everything due is sent: what stays pending was queued later than now
		this.mail.message(email, "Verify your email address");
		double failedBefore = count("portcullis.email.failed");
		double pendingBefore = gauge("portcullis.email.pending");
		this.smtp.stop();
		try {
			forgot(email);
			await().atMost(Duration.ofSeconds(15)).until(() -> {
				this.mail.deliver();
				return attempts(email, "password-reset") > 0;
			});
			assertThat(attempts(email, "password-reset")).isEqualTo(1);
			assertThat(count("portcullis.email.failed")).isEqualTo(failedBefore + 1);
			assertThat(gauge("portcullis.email.pending")).isEqualTo(pendingBefore + 1);
			// a pass before the backoff (30s) ends leaves it waiting, not retried
			this.clock.advance(Duration.ofSeconds(29));
			assertThat(this.mail.deliver()).isZero();
			assertThat(attempts(email, "password-reset")).isEqualTo(1);
			assertThat(status(email, "password-reset")).isEqualTo("pending");
			assertThat(gauge("portcullis.email.oldest.pending.age")).isEqualTo(29);
		}
		finally {
			this.smtp.start();
		}
		this.clock.advance(Duration.ofSeconds(2));

		MimeMessage reset = this.mail.message(email, "Reset your password");
		assertThat(status(email, "password-reset")).isEqualTo("sent");
		assertThat(this.mail.deliver()).isZero();
		// the restarted server forgot what it had before the outage
		assertThat(this.mail.messagesTo(email)).extracting(TestMailServer::subject)
			.containsExactly("Reset your password");
		assertThat(reset.getHeader("Message-ID")[0]).isEqualTo(messageId(email, "password-reset"));
		assertThat(attempts(email, "password-reset")).isEqualTo(2);
	}

	@Test
	void mailIsQueuedInTheTransactionOfTheChangeAndRolledBackWithIt() {
		String email = AuthClient.uniqueEmail();
		UUID userId = UUID.fromString(auth().signUpVerified(email).get("user").get("id").asString());
		this.mail.message(email, "Verify your email address");

		Mono<Void> failingChange = this.events
			.record("password.changed", EventContext.of(userId, null, "203.0.113.7", "test"))
			.then(Mono.error(new IllegalStateException("the change fails after the event")));
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.transactional(failingChange).block());
		this.events.record("two_factor.enabled", EventContext.of(userId, null, "203.0.113.7", "test")).block();

		assertThat(this.mail.messagesTo(email, 2)).extracting(TestMailServer::subject)
			.containsExactlyInAnyOrder("Verify your email address", "Two-factor authentication was turned on");
		assertThat(column(email, "password-changed", "id")).isNull();
	}

	@Test
	void twoInstancesDeliverEveryMessageExactlyOnce() {
		List<String> recipients = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			recipients.add(AuthClient.uniqueEmail());
		}
		OutboxDispatcher other = SecondInstance.shared().bean(OutboxDispatcher.class);
		this.mail.deliver();
		Flux.fromIterable(recipients)
			.concatMap((to) -> this.outbox.enqueue(to, MailTemplate.PASSWORD_CHANGED,
					Map.of("name", "N", "email", to, "time", "now", "ipAddress", "-")))
			.blockLast();

		// both instances drain concurrently, in batches of 3
		Flux.range(0, 8)
			.flatMap((i) -> ((i % 2 == 0) ? this.dispatcher : other).dispatchDue()
				.subscribeOn(Schedulers.boundedElastic()))
			.blockLast();

		// a pass of the other instance that began before (its first poll at start-up)
		// may still hold what it claimed
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			this.mail.deliver();
			return recipients.stream().allMatch((to) -> sent(to));
		});
		Set<String> messageIds = recipients.stream()
			.flatMap((to) -> this.smtp.messagesTo(to).stream())
			.map(OutboxIntegrationTests::messageId)
			.collect(Collectors.toSet());
		assertThat(recipients).allSatisfy((to) -> assertThat(this.smtp.messagesTo(to)).hasSize(1));
		assertThat(messageIds).hasSize(40);
	}

	@Test
	void storedMailNeverHoldsTheTokenInPlainTextAndIsClearedOnceSent() {
		String email = AuthClient.uniqueEmail();
		double sentBefore = count("portcullis.email.sent");
		double queuedBefore = count("portcullis.email.queued");
		auth().signUp(email);
		queued(email, "verify-email");
		String body = column(email, "verify-email", "body");
		assertThat(body).startsWith("v2:").doesNotContain("token=").doesNotContain("verify-email");

		String token = TestMailServer
			.token(TestMailServer.tokenLink(this.mail.message(email, "Verify your email address")));

		assertThat(sent(email)).isTrue();
		assertThat(column(email, "verify-email", "body")).isNull();
		assertThat(TestDatabase.get()
			.count("select count(*) from email_tokens where encode(token_hash, 'escape') like ?", "%" + token + "%"))
			.isZero();
		assertThat(count("portcullis.email.queued")).isEqualTo(queuedBefore + 1);
		assertThat(count("portcullis.email.sent")).isGreaterThanOrEqualTo(sentBefore + 1);
	}

	private void forgot(String email) {
		this.http.post()
			.uri("/v1/auth/password/forgot")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email))
			.exchange()
			.expectStatus()
			.isAccepted();
	}

	private double count(String name) {
		return this.meters.find(name).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

	private static boolean sent(String email) {
		return "sent".equals(column(email, null, "status"));
	}

	private static int attempts(String email, String template) {
		String value = column(email, template, "attempts");
		return (value != null) ? Integer.parseInt(value) : 0;
	}

	private static String status(String email, String template) {
		return column(email, template, "status");
	}

	private static String messageId(String email, String template) {
		return column(email, template, "message_id");
	}

	/** Forgot-password and verification mail is queued just after the response. */
	private static void queued(String email, String template) {
		await().atMost(Duration.ofSeconds(15)).until(() -> status(email, template) != null);
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	private static String column(String email, String template, String column) {
		String sql = "select " + column + "::text from email_outbox where recipient = ?"
				+ ((template != null) ? " and template = ?" : "");
		return (template != null) ? TestDatabase.get().value(String.class, sql, email, template)
				: TestDatabase.get().value(String.class, sql, email);
	}

	private static String messageId(MimeMessage message) {
		try {
			return message.getHeader("Message-ID")[0];
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
