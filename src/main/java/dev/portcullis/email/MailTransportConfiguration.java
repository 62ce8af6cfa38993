package dev.portcullis.email;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * SMTP when Spring Boot configured a {@link JavaMailSender} (it does when
 * {@code spring.mail.host} is set), else the log.
 */
@Configuration(proxyBeanMethods = false)
class MailTransportConfiguration {

	@Bean
	MailTransport mailTransport(ObjectProvider<JavaMailSender> sender) {
		JavaMailSender smtp = sender.getIfAvailable();
		return (smtp != null) ? new SmtpMailTransport(smtp) : new LogMailTransport();
	}

}
