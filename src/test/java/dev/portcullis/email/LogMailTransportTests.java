package dev.portcullis.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LogMailTransportTests {

	@Test
	void writesEachMessageWithItsLinkToTheLog(CapturedOutput output) {
		new LogMailTransport().send(
				new OutgoingMail("<id@localhost>", "no-reply@localhost", "ada@example.com", "Verify your email address",
						"Open http://localhost:8080/v1/auth/verify-email?token=abc\n", "<p>html</p>"));

		assertThat(output).contains("No SMTP server configured")
			.contains("To: ada@example.com")
			.contains("Subject: Verify your email address")
			.contains("http://localhost:8080/v1/auth/verify-email?token=abc");
	}

}
