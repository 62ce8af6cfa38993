package dev.portcullis.email;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.portcullis.crypto.EncryptionProperties;
import dev.portcullis.crypto.MasterKeys;
import dev.portcullis.crypto.SecretBox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SealedMailTests {

	final SecretBox secrets = new SecretBox(new MasterKeys(new EncryptionProperties(key(), List.of())));

	@Test
	void opensToWhatWasSealedWithoutShowingItAtRest() {
		SealedMail mail = new SealedMail("Example <auth@example.com>", "Open https://x/?token=abc.def\n",
				"<p>héllo . <a href=\"https://x/?token=abc.def\">link</a></p>");

		String sealed = mail.seal(this.secrets);

		assertThat(sealed).doesNotContain("token").doesNotContain("example.com");
		assertThat(SealedMail.open(this.secrets, sealed)).isEqualTo(mail);
	}

	@Test
	void aCiphertextSealedForAnotherPurposeDoesNotOpen() {
		String other = this.secrets.seal("totp.secret", "a.b.c".getBytes());

		assertThatIllegalStateException().isThrownBy(() -> SealedMail.open(this.secrets, other));
	}

	private static String key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
