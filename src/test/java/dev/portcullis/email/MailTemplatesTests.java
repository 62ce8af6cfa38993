package dev.portcullis.email;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTests {

	final MailTemplates templates = new MailTemplates();

	@ParameterizedTest
	@EnumSource(MailTemplate.class)
	void everyTemplateHasASubjectAndBothBodiesWithEveryPlaceholderFilled(MailTemplate template) {
		Map<String, String> model = new HashMap<>();
		for (String key : new String[] { "name", "email", "link", "ttl", "time", "ipAddress", "device" }) {
			model.put(key, "<" + key + "-value>");
		}

		RenderedMail mail = this.templates.render(template, model);

		assertThat(mail.subject()).isNotBlank().doesNotContain("{{");
		assertThat(mail.text()).contains("<email-value>").doesNotContain("{{");
		assertThat(mail.html()).startsWith("<!DOCTYPE html>")
			.contains("&lt;email-value&gt;")
			.doesNotContain("<email-value>")
			.doesNotContain("{{");
	}

	@Test
	void linksAppearInBothBodies() {
		RenderedMail mail = this.templates.render(MailTemplate.VERIFY_EMAIL, Map.of("name", "Ada", "email",
				"ada@example.com", "link", "https://id.example.com/v1/auth/verify-email?token=abc", "ttl", "24 hours"));

		assertThat(mail.text()).contains("https://id.example.com/v1/auth/verify-email?token=abc");
		assertThat(mail.html()).contains("href=\"https://id.example.com/v1/auth/verify-email?token=abc\"");
		assertThat(mail.toString()).doesNotContain("token");
	}

	@Test
	void durationsReadNaturally() {
		assertThat(MailModel.duration(Duration.ofHours(24))).isEqualTo("24 hours");
		assertThat(MailModel.duration(Duration.ofMinutes(30))).isEqualTo("30 minutes");
		assertThat(MailModel.duration(Duration.ofHours(1))).isEqualTo("1 hour");
		assertThat(MailModel.duration(Duration.ofDays(3))).isEqualTo("3 days");
	}

}
