package dev.portcullis.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretBoxTests {

	static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	final SecretBox box = new SecretBox(new MasterKeys(new EncryptionProperties(KEY, List.of())));

	@Test
	void sealedSecretOpensAndDoesNotContainThePlaintext() {
		String sealed = this.box.seal("totp", "JBSWY3DPEHPK3PXP".getBytes(StandardCharsets.UTF_8));
		assertThat(sealed).startsWith("v1:").doesNotContain("JBSWY3DPEHPK3PXP");
		assertThat(new String(this.box.open("totp", sealed), StandardCharsets.UTF_8)).isEqualTo("JBSWY3DPEHPK3PXP");
	}

	@Test
	void aCiphertextDoesNotOpenForAnotherPurpose() {
		String sealed = this.box.seal("totp", new byte[] { 1, 2, 3 });
		assertThatIllegalStateException().isThrownBy(() -> this.box.open("signing-key", sealed));
	}

	@Test
	void aTamperedCiphertextDoesNotOpen() {
		String sealed = this.box.seal("totp", new byte[] { 1, 2, 3 });
		int body = sealed.lastIndexOf(':') + 1;
		byte[] bytes = Base64.getDecoder().decode(sealed.substring(body));
		bytes[bytes.length - 1] ^= 1;
		String tampered = sealed.substring(0, body) + Base64.getEncoder().encodeToString(bytes);
		assertThatIllegalStateException().isThrownBy(() -> this.box.open("totp", tampered));
	}

	@Test
	void dataSealedUnderAPreviousKeyStillOpensAfterRotation() {
		SecretBox old = new SecretBox(new MasterKeys(new EncryptionProperties(OTHER_KEY, List.of())));
		String sealed = old.seal("totp", new byte[] { 7 });
		SecretBox rotated = new SecretBox(new MasterKeys(new EncryptionProperties(KEY, List.of(OTHER_KEY))));
		assertThat(rotated.open("totp", sealed)).containsExactly(7);
	}

	@Test
	void aMissingOrMalformedMasterKeyStopsStartupWithAClearMessage() {
		assertThatIllegalStateException().isThrownBy(() -> new MasterKeys(new EncryptionProperties(null, List.of())))
			.withMessageContaining("portcullis.encryption.key is not set");
		assertThatIllegalStateException()
			.isThrownBy(() -> new MasterKeys(new EncryptionProperties("not base64!", List.of())))
			.withMessageContaining("not valid base64");
		assertThatIllegalStateException()
			.isThrownBy(() -> new MasterKeys(
					new EncryptionProperties(Base64.getEncoder().encodeToString(new byte[16]), List.of())))
			.withMessageContaining("exactly 32 bytes");
	}

}
