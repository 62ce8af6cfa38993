package dev.portcullis.email;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import dev.portcullis.support.TestInfrastructure;
import dev.portcullis.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class OutboxIntegrationTests extends IntegrationTest {

	final TestMailServer mail = TestMailServer.get();

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
		this.mail.awaitMessage(email, "Verify your email address");
		double failedBefore = count("portcullis.email.failed");
		this.mail.stop();
		try {
			forgot(email);
			await().atMost(Duration.ofSeconds(15)).until(() -> attempts(email, "password-reset") >= 1);
			// several polls later it is still waiting for its backoff, not retried at
			// every poll
			this.dispatcher.dispatchDue().block();
			assertThat(attempts(email, "password-reset")).isEqualTo(1);
			assertThat(status(email, "password-reset")).isEqualTo("pending");
			assertThat(count("portcullis.email.failed")).isGreaterThan(failedBefore);
			assertThat(this.meters.get("portcullis.email.pending").gauge().value()).isGreaterThanOrEqualTo(1);
		}
		finally {
			this.mail.start();
		}
		this.clock.advance(Duration.ofSeconds(31));

		MimeMessage reset = this.mail.awaitMessage(email, "Reset your password");
		await().atMost(Duration.ofSeconds(15)).until(() -> "sent".equals(status(email, "password-reset")));
		this.dispatcher.dispatchDue().block();
		assertThat(this.mail.messagesTo(email)).hasSize(1);
		assertThat(reset.getHeader("Message-ID")[0]).isEqualTo(messageId(email, "password-reset"));
		assertThat(attempts(email, "password-reset")).isEqualTo(2);
	}

	@Test
	void mailIsQueuedInTheTransactionOfTheChangeAndRolledBackWithIt() {
		String email = AuthClient.uniqueEmail();
		UUID userId = UUID.fromString(auth().signUpVerified(email).get("user").get("id").asString());
		this.mail.awaitMessage(email, "Verify your email address");

		Mono<Void> failingChange = this.events
			.record("password.changed", EventContext.of(userId, null, "203.0.113.7", "test"))
			.then(Mono.error(new IllegalStateException("the change fails after the event")));
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.transactional(failingChange).block());
		this.events.record("two_factor.enabled", EventContext.of(userId, null, "203.0.113.7", "test")).block();

		this.mail.awaitMessage(email, "Two-factor authentication was turned on");
		assertThat(column(email, "password-changed", "id")).isNull();
		assertThat(this.mail.messagesTo(email)).extracting(TestMailServer::subject)
			.containsExactlyInAnyOrder("Verify your email address", "Two-factor authentication was turned on");
	}

	@Test
	void twoInstancesDeliverEveryMessageExactlyOnce() {
		List<String> recipients = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			recipients.add(AuthClient.uniqueEmail());
		}
		try (SecondInstance second = SecondInstance.start(
				Map.of("portcullis.email.outbox.batch-size", "3", "portcullis.email.outbox.poll-interval", "50ms"))) {
			OutboxDispatcher other = second.bean(OutboxDispatcher.class);
			Flux.fromIterable(recipients)
				.concatMap((to) -> this.outbox.enqueue(to, MailTemplate.PASSWORD_CHANGED,
						Map.of("name", "N", "email", to, "time", "now", "ipAddress", "-")))
				.blockLast();
			// on top of both pollers, both instances drain concurrently
			Flux.range(0, 8)
				.flatMap((i) -> ((i % 2 == 0) ? this.dispatcher : other).dispatchDue()
					.subscribeOn(Schedulers.boundedElastic()))
				.blockLast();

			for (String to : recipients) {
				this.mail.awaitMessagesTo(to, 1);
			}
			await().atMost(Duration.ofSeconds(15)).until(() -> recipients.stream().allMatch((to) -> sent(to)));
			this.dispatcher.dispatchDue().block();
		}
		Set<String> messageIds = recipients.stream()
			.flatMap((to) -> this.mail.messagesTo(to).stream())
			.map(OutboxIntegrationTests::messageId)
			.collect(Collectors.toSet());
		assertThat(recipients).allSatisfy((to) -> assertThat(this.mail.messagesTo(to)).hasSize(1));
		assertThat(messageIds).hasSize(40);
	}

	@Test
	void storedMailNeverHoldsTheTokenInPlainTextAndIsClearedOnceSent() throws Exception {
		String email = AuthClient.uniqueEmail();
		this.mail.stop();
		try {
			auth().signUp(email);
			await().atMost(Duration.ofSeconds(15)).until(() -> attempts(email, "verify-email") >= 1);
			String body = column(email, "verify-email", "body");
			assertThat(body).startsWith("v1:").doesNotContain("token=").doesNotContain("verify-email");
		}
		finally {
			this.mail.start();
		}
		this.clock.advance(Duration.ofSeconds(31));
		String token = TestMailServer
			.token(TestMailServer.tokenLink(this.mail.awaitMessage(email, "Verify your email address")));
		await().atMost(Duration.ofSeconds(15)).until(() -> sent(email));
		assertThat(column(email, "verify-email", "body")).isNull();
		try (Connection connection = TestInfrastructure.get().connect();
				PreparedStatement statement = connection
					.prepareStatement("select count(*) from email_tokens where encode(token_hash, 'escape') like ?")) {
			statement.setString(1, "%" + token + "%");
			ResultSet result = statement.executeQuery();
			result.next();
			assertThat(result.getInt(1)).isZero();
		}
		assertThat(count("portcullis.email.sent")).isPositive();
		assertThat(count("portcullis.email.queued")).isPositive();
		assertThat(this.meters.get("portcullis.email.oldest.pending.age").gauge()).isNotNull();
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

	private static String column(String email, String template, String column) {
		String sql = "select " + column + " from email_outbox where recipient = ?"
				+ ((template != null) ? " and template = ?" : "");
		try (Connection connection = TestInfrastructure.get().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, email);
			if (template != null) {
				statement.setString(2, template);
			}
			ResultSet result = statement.executeQuery();
			return result.next() ? result.getString(1) : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
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
