package dev.portcullis.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretBoxTests {

	static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	static final SealedColumn TOTP = new SealedColumn("two_factor_secrets", "secret", "user_id", "uuid", "totp-secret");

	static final SealedColumn MAIL = new SealedColumn("email_outbox", "body", "id", "uuid", "email_outbox.body");

	static final UUID ROW = UUID.fromString("00000000-0000-0000-0000-000000000001");

	final SecretBox box = new SecretBox(new MasterKeys(EncryptionProperties.single(KEY)));

	@Test
	void opensWhatItSealedAndTheStoredFormNamesTheKey() {
		String sealed = this.box.seal(TOTP, ROW, "JBSWY3DPEHPK3PXP".getBytes(StandardCharsets.UTF_8));

		assertThat(sealed).startsWith("v2:" + MasterKeys.fingerprint(new byte[32]) + ":");
		assertThat(sealed).doesNotContain("JBSWY3DPEHPK3PXP");
		assertThat(new String(this.box.open(TOTP, ROW, sealed), StandardCharsets.UTF_8)).isEqualTo("JBSWY3DPEHPK3PXP");
	}

	@Test
	void aKeyringValueNamesTheActiveKeyId() {
		SecretBox ring = new SecretBox(
				new MasterKeys(EncryptionProperties.keyring(Map.of("2026-01", OTHER_KEY, "2026-12", KEY), "2026-12")));

		assertThat(ring.seal(TOTP, ROW, new byte[] { 1 })).startsWith("v2:2026-12:");
	}

	@Test
	void aValueCopiedToAnotherRowDoesNotOpen() {
		String sealed = this.box.seal(TOTP, ROW, new byte[] { 1, 2, 3 });

		assertThatIllegalStateException().isThrownBy(() -> this.box.open(TOTP, UUID.randomUUID(), sealed));
	}

	@Test
	void aValueCopiedToAnotherColumnDoesNotOpen() {
		String sealed = this.box.seal(TOTP, ROW, new byte[] { 1, 2, 3 });

		assertThatIllegalStateException().isThrownBy(() -> this.box.open(MAIL, ROW, sealed));
	}

	@Test
	void aTamperedValueDoesNotOpen() {
		String sealed = this.box.seal(TOTP, ROW, new byte[] { 1, 2, 3 });
		byte[] raw = Base64.getDecoder().decode(sealed.split(":")[2]);
		raw[raw.length - 1] ^= 1;
		String tampered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(raw);

		assertThatIllegalStateException().isThrownBy(() -> this.box.open(TOTP, ROW, tampered));
	}

	@Test
	void theCipherKeyIsDerivedNotTheMasterKeyItself() {
		String sealed = this.box.seal(TOTP, ROW, new byte[] { 1, 2, 3 });
		ByteBuffer raw = ByteBuffer.wrap(Base64.getDecoder().decode(sealed.split(":")[2]));
		byte[] nonce = new byte[12];
		raw.get(nonce);
		byte[] rest = new byte[raw.remaining()];
		raw.get(rest);

		assertThatExceptionOfType(AEADBadTagException.class).isThrownBy(() -> {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(new byte[32], "AES"), new GCMParameterSpec(128, nonce));
			cipher.doFinal(rest);
		});
	}

	@Test
	void valuesSealedInTheFirstFormatStillOpen() {
		String legacy = LegacySeal.seal(KEY, "totp-secret", new byte[] { 7, 8 });

		assertThat(this.box.open(TOTP, ROW, legacy)).containsExactly(7, 8);
		assertThatIllegalStateException().isThrownBy(() -> this.box.open(MAIL, ROW, legacy));
	}

	@Test
	void aKeyringOpensWhatItsKeysSealedAloneUnderTheirFingerprints() {
		SecretBox old = new SecretBox(new MasterKeys(EncryptionProperties.single(OTHER_KEY)));
		String sealed = old.seal(TOTP, ROW, new byte[] { 7 });
		String legacy = LegacySeal.seal(OTHER_KEY, "totp-secret", new byte[] { 9 });
		SecretBox ring = new SecretBox(
				new MasterKeys(EncryptionProperties.keyring(Map.of("old", OTHER_KEY, "new", KEY), "new")));

		assertThat(ring.open(TOTP, ROW, sealed)).containsExactly(7);
		assertThat(ring.open(TOTP, ROW, legacy)).containsExactly(9);
	}

	@Test
	void aValueOfAKeyNotInTheRingDoesNotOpen() {
		String sealed = new SecretBox(new MasterKeys(EncryptionProperties.single(OTHER_KEY))).seal(TOTP, ROW,
				new byte[] { 7 });

		assertThatIllegalStateException().isThrownBy(() -> this.box.open(TOTP, ROW, sealed))
			.withMessageContaining(MasterKeys.fingerprint("0123456789abcdef0123456789abcdef".getBytes()))
			.withMessageContaining("not in portcullis.encryption.keys");
	}

	@Test
	void theOlderPreviousKeysStillOpenOldValues() {
		String sealed = new SecretBox(new MasterKeys(EncryptionProperties.single(OTHER_KEY))).seal(TOTP, ROW,
				new byte[] { 7 });
		SecretBox rotated = new SecretBox(
				new MasterKeys(new EncryptionProperties(KEY, List.of(OTHER_KEY), Map.of(), null, null)));

		assertThat(rotated.open(TOTP, ROW, sealed)).containsExactly(7);
	}

}
