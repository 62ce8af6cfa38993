package dev.portcullis.email;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.portcullis.crypto.EncryptionProperties;
import dev.portcullis.crypto.MasterKeys;
import dev.portcullis.crypto.SealedColumn;
import dev.portcullis.crypto.SecretBox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SealedMailTests {

	static final UUID ID = UUID.randomUUID();

	final SecretBox secrets = new SecretBox(new MasterKeys(EncryptionProperties.single(key())));

	@Test
	void opensToWhatWasSealedWithoutShowingItAtRest() {
		SealedMail mail = new SealedMail("Example <auth@example.com>", "Open https://x/?token=abc.def\n",
				"<p>héllo . <a href=\"https://x/?token=abc.def\">link</a></p>");

		String sealed = mail.seal(this.secrets, ID);

		assertThat(sealed).doesNotContain("token").doesNotContain("example.com");
		assertThat(SealedMail.open(this.secrets, ID, sealed)).isEqualTo(mail);
	}

	@Test
	void aCiphertextSealedForAnotherColumnDoesNotOpen() {
		String other = this.secrets.seal(new SealedColumn("two_factor_secrets", "secret", "user_id", "uuid", "totp"),
				ID, "a.b.c".getBytes());

		assertThatIllegalStateException().isThrownBy(() -> SealedMail.open(this.secrets, ID, other));
	}

	@Test
	void anotherMessagesBodyDoesNotOpen() {
		String sealed = new SealedMail("a@example.com", "text", "html").seal(this.secrets, ID);

		assertThatIllegalStateException().isThrownBy(() -> SealedMail.open(this.secrets, UUID.randomUUID(), sealed));
	}

	private static String key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
