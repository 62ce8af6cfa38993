package dev.portcullis.email;

import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends over SMTP with Spring's {@link JavaMailSender} ({@code spring.mail.*}): a
 * {@code multipart/alternative} message with the plain-text and HTML bodies. The
 * {@code Message-ID} is set explicitly; {@code JavaMailSenderImpl} keeps an explicit one.
 */
class SmtpMailTransport implements MailTransport {

	private final JavaMailSender sender;

	SmtpMailTransport(JavaMailSender sender) {
		this.sender = sender;
	}

	@Override
	public void send(OutgoingMail mail) throws Exception {
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(mail.from());
		helper.setTo(mail.to());
		helper.setSubject(mail.subject());
		helper.setText(mail.text(), mail.html());
		message.setHeader("Message-ID", mail.messageId());
		this.sender.send(message);
	}

}
