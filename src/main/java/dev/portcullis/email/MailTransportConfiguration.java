package dev.portcullis.email;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * SMTP when Spring Boot configured a {@link JavaMailSender} (it does when
 * {@code spring.mail.host} is set). Without one, the log transport only in the
 * {@code local} profile or when {@code portcullis.email.transport=log} says so: anywhere
 * else a missing mail server would put reset links in the production log, so startup
 * fails instead.
 */
@Configuration(proxyBeanMethods = false)
class MailTransportConfiguration {

	@Bean
	MailTransport mailTransport(ObjectProvider<JavaMailSender> sender, EmailProperties properties,
			Environment environment) {
		JavaMailSender smtp = sender.getIfAvailable();
		return switch (properties.transport()) {
			case LOG -> new LogMailTransport();
			case SMTP -> new SmtpMailTransport(required(smtp));
			case AUTO -> (smtp == null && environment.matchesProfiles("local")) ? new LogMailTransport()
					: new SmtpMailTransport(required(smtp));
		};
	}

	private static JavaMailSender required(JavaMailSender smtp) {
		if (smtp == null) {
			throw new IllegalStateException("No mail server is configured: set spring.mail.host (and port, "
					+ "credentials). Only for development, portcullis.email.transport=log writes mail to the log.");
		}
		return smtp;
	}

}
