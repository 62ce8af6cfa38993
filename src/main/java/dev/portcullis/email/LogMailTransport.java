package dev.portcullis.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Used when no SMTP server is configured ({@code spring.mail.host} unset), as in the
 * zero-install local run: each message is written to the log, plain-text body and link
 * included, so a developer can follow the link. This is the only place a token may reach
 * a log, and it is active only without an SMTP server; a deployment sets
 * {@code spring.mail.host}.
 */
class LogMailTransport implements MailTransport {

	private static final Logger logger = LoggerFactory.getLogger("portcullis.email");

	LogMailTransport() {
		logger.warn("No SMTP server configured (spring.mail.host is not set): outgoing mail, links included, is "
				+ "written to this log instead of being sent. Set spring.mail.host for real delivery.");
	}

	@Override
	public void send(OutgoingMail mail) {
		logger.info("Mail not sent (no SMTP server configured)\nMessage-ID: {}\nFrom: {}\nTo: {}\nSubject: {}\n\n{}",
				mail.messageId(), mail.from(), mail.to(), mail.subject(), mail.text());
	}

}
