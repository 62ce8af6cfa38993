package dev.portcullis.email;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MailTransportConfigurationTests {

	private final MailTransportConfiguration configuration = new MailTransportConfiguration();

	@Test
	void withoutAMailServerOutsideTheLocalProfileStartupFails() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.mailTransport(noSender(), properties(EmailProperties.Transport.AUTO),
					new MockEnvironment()))
			.withMessageContaining("spring.mail.host");
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.mailTransport(noSender(),
				properties(EmailProperties.Transport.AUTO), production));
	}

	@Test
	void theLogTransportIsUsedInTheLocalProfileOrWhenChosen() {
		MockEnvironment local = new MockEnvironment();
		local.setActiveProfiles("local");
		assertThat(this.configuration.mailTransport(noSender(), properties(EmailProperties.Transport.AUTO), local))
			.isInstanceOf(LogMailTransport.class);
		assertThat(this.configuration.mailTransport(noSender(), properties(EmailProperties.Transport.LOG),
				new MockEnvironment()))
			.isInstanceOf(LogMailTransport.class);
	}

	@Test
	void aConfiguredMailServerIsUsed() {
		assertThat(this.configuration.mailTransport(sender(), properties(EmailProperties.Transport.AUTO),
				new MockEnvironment()))
			.isInstanceOf(SmtpMailTransport.class);
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.mailTransport(noSender(),
				properties(EmailProperties.Transport.SMTP), new MockEnvironment()));
	}

	private static EmailProperties properties(EmailProperties.Transport transport) {
		return new EmailProperties("no-reply@localhost", null, null, null, transport);
	}

	private static ObjectProvider<JavaMailSender> noSender() {
		return new DefaultListableBeanFactory().getBeanProvider(JavaMailSender.class);
	}

	private static ObjectProvider<JavaMailSender> sender() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("mailSender", new JavaMailSenderImpl());
		return beans.getBeanProvider(JavaMailSender.class);
	}

}
