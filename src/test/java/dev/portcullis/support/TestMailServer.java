package dev.portcullis.support;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import static org.awaitility.Awaitility.await;

/**
 * GreenMail as the SMTP server of every gateway instance in this test JVM, on a free port
 * (see {@link TestInfrastructure#properties()}). Tests find their mail by recipient,
 * since every test uses its own addresses. It can be stopped and started again on the
 * same port to simulate an outage.
 */
public final class TestMailServer {

	private static volatile TestMailServer instance;

	private final int port = TestInfrastructure.freePort();

	private volatile GreenMail greenMail;

	private TestMailServer() {
		start();
	}

	public static TestMailServer get() {
		if (instance == null) {
			synchronized (TestMailServer.class) {
				if (instance == null) {
					instance = new TestMailServer();
				}
			}
		}
		return instance;
	}

	public int port() {
		return this.port;
	}

	public synchronized void start() {
		GreenMail server = new GreenMail(new ServerSetup(this.port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		this.greenMail = server;
	}

	/** Stops accepting connections; mail received so far is forgotten. */
	public synchronized void stop() {
		this.greenMail.stop();
	}

	/** Every message received for this address so far. */
	public List<MimeMessage> messagesTo(String address) {
		return Arrays.stream(this.greenMail.getReceivedMessages()).filter((message) -> isTo(message, address)).toList();
	}

	/**
	 * Waits until at least {@code count} messages arrived for the address, and answers
	 * them.
	 */
	public List<MimeMessage> awaitMessagesTo(String address, int count) {
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> messagesTo(address).size() >= count);
		return messagesTo(address);
	}

	/** Waits for the first message to the address with this subject. */
	public MimeMessage awaitMessage(String address, String subject) {
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> messagesTo(address).stream().anyMatch((message) -> subject.equals(subject(message))));
		return messagesTo(address).stream().filter((message) -> subject.equals(subject(message))).findFirst().get();
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The decoded plain-text body. */
	public static String text(MimeMessage message) {
		return part(message, "text/plain");
	}

	/** The decoded HTML body. */
	public static String html(MimeMessage message) {
		return part(message, "text/html");
	}

	private static String part(Part part, String type) {
		try {
			if (part.isMimeType(type)) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					String found = part(multipart.getBodyPart(i), type);
					if (found != null) {
						return found;
					}
				}
			}
			return null;
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The first link in the message that contains {@code ?token=} or {@code &token=}. */
	public static String tokenLink(MimeMessage message) {
		Matcher matcher = Pattern.compile("(https?://\\S+?[?&]token=[A-Za-z0-9_-]+)").matcher(text(message));
		if (!matcher.find()) {
			throw new AssertionError("No link with a token in:\n" + text(message));
		}
		return matcher.group(1);
	}

	public static String token(String link) {
		return link.substring(link.indexOf("token=") + "token=".length());
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch((recipient) -> recipient.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
