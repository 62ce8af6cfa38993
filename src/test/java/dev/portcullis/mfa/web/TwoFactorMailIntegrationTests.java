package dev.portcullis.mfa.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.portcullis.mfa.web.TwoFactorFixture.Enrolled;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Turning two-factor authentication on and off mails the account holder each time. */
class TwoFactorMailIntegrationTests extends IntegrationTest {

	@Test
	void enablingAndDisablingTwoFactorEachSendAMail() {
		TwoFactorFixture twoFactor = new TwoFactorFixture(this.http, this.clock);
		Enrolled enrolled = twoFactor.enrolled();

		String on = TestMailServer.text(this.mail.message(enrolled.email(), "Two-factor authentication was turned on"));
		assertThat(on).contains(enrolled.email());

		JsonNode fresh = twoFactor.signedInWithCode(enrolled);
		auth()
			.post("/v1/auth/two-factor/disable", fresh.get("accessToken").asString(),
					Map.of("code", twoFactor.nextCode(enrolled.secret())))
			.expectStatus()
			.isOk();

		String off = TestMailServer
			.text(this.mail.message(enrolled.email(), "Two-factor authentication was turned off"));
		assertThat(off).contains("protected by its password alone");
	}

}
