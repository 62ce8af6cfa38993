package dev.portcullis.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionTimeoutException;

import org.springframework.context.ApplicationContext;

import dev.portcullis.email.OutboxPass;

import static org.awaitility.Awaitility.await;

/**
 * A test's view of the mail an instance sends. Reads run outbox passes of that instance
 * themselves (see {@link OutboxPass}), so no test waits for a poll. Some mail is queued
 * just after the response that caused it (forgot-password and verification requests
 * answer first, so that their timing says nothing about the account): a read that expects
 * mail repeats the pass until the mail is there.
 */
public final class Mailbox {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	private final ApplicationContext instance;

	private final TestMailServer server = TestMailServer.get();

	public Mailbox(ApplicationContext instance) {
		this.instance = instance;
	}

	/** Sends the outbox's due mail now; answers how many messages were claimed. */
	public long deliver() {
		return OutboxPass.run(this.instance);
	}

	/** Every message for this address, after one pass of the outbox. */
	public List<MimeMessage> messagesTo(String address) {
		deliver();
		return this.server.messagesTo(address);
	}

	/** The messages for this address once there are at least {@code count}. */
	public List<MimeMessage> messagesTo(String address, int count) {
		expect(() -> messagesTo(address).size() >= count, address, count + " messages");
		return this.server.messagesTo(address);
	}

	/** The first message to the address with this subject. */
	public MimeMessage message(String address, String subject) {
		expect(() -> find(address, subject).isPresent(), address, "\"" + subject + "\"");
		return find(address, subject).get();
	}

	private Optional<MimeMessage> find(String address, String subject) {
		return messagesTo(address).stream()
			.filter((message) -> subject.equals(TestMailServer.subject(message)))
			.findFirst();
	}

	private void expect(java.util.concurrent.Callable<Boolean> arrived, String address, String what) {
		try {
			await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25)).until(arrived);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No " + what + " to " + address + " among "
					+ this.server.messagesTo(address).stream().map(TestMailServer::subject).toList() + "; outbox: "
					+ outbox(address), ex);
		}
	}

	private static List<String> outbox(String address) {
		return TestDatabase.get()
			.values(String.class,
					"select concat_ws(' ', template, status, attempts, next_attempt_at, locked_until, last_error) "
							+ "from email_outbox where recipient = ?",
					address);
	}

}
