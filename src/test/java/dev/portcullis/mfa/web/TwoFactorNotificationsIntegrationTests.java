package dev.portcullis.mfa.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.portcullis.mfa.web.TwoFactorFixture.Enrolled;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Turning two-factor authentication on and off mails the account's owner, end to end. */
class TwoFactorNotificationsIntegrationTests extends IntegrationTest {

	private final TestMailServer mail = TestMailServer.get();

	@Test
	void enablingAndDisablingTwoFactorEachSendAMail() {
		TwoFactorFixture twoFactor = new TwoFactorFixture(this.http, this.clock);
		Enrolled enrolled = twoFactor.enrolled();
		assertThat(TestMailServer.text(this.mail.awaitMessage(enrolled.email(), "Two-factor authentication was turned on")))
			.contains(enrolled.email());

		String fresh = twoFactor.signedInWithCode(enrolled).get("accessToken").asString();
		auth().post("/v1/auth/two-factor/disable", fresh, Map.of("code", enrolled.backupCodes().get(0)))
			.expectStatus()
			.isOk();
		assertThat(TestMailServer.text(this.mail.awaitMessage(enrolled.email(), "Two-factor authentication was turned off")))
			.contains(enrolled.email());
	}

}
