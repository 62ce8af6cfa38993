package dev.portcullis.support;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.springframework.context.ApplicationContext;

import dev.portcullis.email.OutboxPass;

/**
 * A test's view of the mail an instance sends: each read first runs one outbox pass of
 * that instance (see {@link OutboxPass}), so the mail a request queued has reached
 * {@link TestMailServer} by the time the test looks, without waiting for a poll.
 */
public final class Mailbox {

	private final ApplicationContext instance;

	private final TestMailServer server = TestMailServer.get();

	public Mailbox(ApplicationContext instance) {
		this.instance = instance;
	}

	/** Sends the outbox's due mail now; answers how many messages were claimed. */
	public long deliver() {
		return OutboxPass.run(this.instance);
	}

	/** Every message for this address, after delivering what is due. */
	public List<MimeMessage> messagesTo(String address) {
		deliver();
		return this.server.messagesTo(address);
	}

	/** The first message to the address with this subject; fails when none arrived. */
	public MimeMessage message(String address, String subject) {
		List<MimeMessage> messages = messagesTo(address);
		return messages.stream()
			.filter((message) -> subject.equals(TestMailServer.subject(message)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No mail \"" + subject + "\" to " + address + " among "
					+ messages.stream().map(TestMailServer::subject).toList()));
	}

}
