package dev.portcullis.email;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxDispatcherTests {

	@Test
	void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
		EmailProperties.Outbox outbox = new EmailProperties.Outbox(Duration.ofSeconds(5), 20, Duration.ofMinutes(2),
				Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofDays(3), Duration.ofDays(7));
		OutboxDispatcher dispatcher = new OutboxDispatcher(null, null, null, null, null,
				new EmailProperties("no-reply@localhost", null, null, outbox, EmailProperties.Transport.AUTO),
				new SimpleMeterRegistry(), Clock.systemUTC());

		assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofMinutes(1));
		assertThat(dispatcher.backoff(4)).isEqualTo(Duration.ofMinutes(4));
		assertThat(dispatcher.backoff(7)).isEqualTo(Duration.ofMinutes(30));
		assertThat(dispatcher.backoff(500)).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void withoutAnSmtpServerMailGoesToTheLogInTheLocalProfile() {
		StaticListableBeanFactory none = new StaticListableBeanFactory();
		StaticListableBeanFactory smtp = new StaticListableBeanFactory();
		smtp.addBean("mailSender", new JavaMailSenderImpl());
		org.springframework.mock.env.MockEnvironment local = new org.springframework.mock.env.MockEnvironment();
		local.setActiveProfiles("local");
		EmailProperties properties = new EmailProperties("no-reply@localhost", null, null, null,
				EmailProperties.Transport.AUTO);

		assertThat(new MailTransportConfiguration().mailTransport(none.getBeanProvider(JavaMailSender.class),
				properties, local))
			.isInstanceOf(LogMailTransport.class);
		assertThat(new MailTransportConfiguration().mailTransport(smtp.getBeanProvider(JavaMailSender.class),
				properties, local))
			.isInstanceOf(SmtpMailTransport.class);
	}

}
