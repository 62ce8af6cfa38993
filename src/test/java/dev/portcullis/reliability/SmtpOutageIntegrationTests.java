package dev.portcullis.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;
import dev.portcullis.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMTP down for a quarter of an hour, simulated by moving the clock instead of waiting: a
 * password-reset mail is queued in the outbox, retried with a doubling backoff (30 s, 1
 * m, 2 m, 4 m, 8 m), never lost and never sent twice, and delivered at the first attempt
 * due after the server is back. Takes a few seconds.
 */
class SmtpOutageIntegrationTests extends IntegrationTest {

	private static final Duration OUTAGE = Duration.ofMinutes(15);

	private final TestMailServer smtp = TestMailServer.get();

	@Test
	void mailQueuedDuringAFifteenMinuteOutageArrivesExactlyOnceAfterIt() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		this.mail.message(email, "Verify your email address");
		Duration simulated = Duration.ZERO;
		Duration backoff = Duration.ofSeconds(30);
		int attempts;
		this.smtp.stop();
		try {
			this.http.post()
				.uri("/v1/auth/password/forgot")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", email))
				.exchange()
				.expectStatus()
				.isAccepted();
			await().atMost(Duration.ofSeconds(15)).until(() -> deliveredAndFailed(email) == 1);
			attempts = 1;
			while (simulated.plus(backoff).compareTo(OUTAGE) <= 0) {
				int expected = attempts + 1;
				this.clock.advance(backoff);
				simulated = simulated.plus(backoff);
				await().atMost(Duration.ofSeconds(15)).until(() -> deliveredAndFailed(email) == expected);
				attempts = expected;
				backoff = backoff.multipliedBy(2);
				assertThat(status(email)).isEqualTo("pending");
			}
			// The rest of the outage: no attempt is due until the backoff ends.
			this.clock.advance(OUTAGE.minus(simulated));
			pollsPass();
			assertThat(attempts(email)).isEqualTo(attempts);
		}
		finally {
			this.smtp.start();
		}
		Duration untilDue = simulated.plus(backoff).minus(OUTAGE);
		this.clock.advance(untilDue);
		this.mail.message(email, "Reset your password");
		await().atMost(Duration.ofSeconds(15)).until(() -> "sent".equals(status(email)));
		// Later polls find nothing due: the message is not sent again.
		this.clock.advance(Duration.ofHours(1));
		pollsPass();

		System.out.printf(
				"[reliability] SMTP outage: %d attempts during %d simulated minutes of outage, delivered "
						+ "%d s after SMTP returned (the pending backoff), %d message(s) received%n",
				attempts, OUTAGE.toMinutes(), untilDue.toSeconds(), this.mail.messagesTo(email).size());
		assertThat(attempts).as("retries back off instead of hammering SMTP").isEqualTo(5);
		assertThat(attempts(email)).isEqualTo(attempts + 1);
		assertThat(this.mail.messagesTo(email)).hasSize(1);
	}

	/** Several of the outbox's 200 ms polls. */
	/** The outbox runs as its poller would at this moment of the clock. */
	private void pollsPass() {
		this.mail.deliver();
	}

	/**
	 * One outbox pass (the reset mail is queued just after its answer), then the count.
	 */
	private int deliveredAndFailed(String email) {
		this.mail.deliver();
		return failedAttempts(email);
	}

	/**
	 * Attempts whose failure is recorded: a claimed row counts its attempt at once, and
	 * its next attempt is scheduled from the clock when the send fails.
	 */
	private static int failedAttempts(String email) {
		return (column(email, "locked_until") == null) ? attempts(email) : -1;
	}

	private static int attempts(String email) {
		String value = column(email, "attempts");
		return (value != null) ? Integer.parseInt(value) : 0;
	}

	private static String status(String email) {
		return column(email, "status");
	}

	private static String column(String email, String column) {
		try (Connection connection = TestInfrastructure.get().connect();
				PreparedStatement statement = connection.prepareStatement("select " + column
						+ " from email_outbox where recipient = ? and template = 'password-reset'")) {
			statement.setString(1, email);
			ResultSet result = statement.executeQuery();
			return result.next() ? result.getString(1) : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
