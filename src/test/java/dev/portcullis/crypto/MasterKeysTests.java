package dev.portcullis.crypto;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MasterKeysTests {

	static final String KEY = SecretBoxTests.KEY;

	static final String OTHER_KEY = SecretBoxTests.OTHER_KEY;

	@Test
	void aKeyAloneIsARingOfOneNamedByItsFingerprint() {
		MasterKeys keys = new MasterKeys(EncryptionProperties.single(KEY));

		assertThat(keys.activeId()).isEqualTo(MasterKeys.fingerprint(new byte[32])).hasSize(8);
		assertThat(keys.ids()).containsExactly(keys.activeId());
	}

	@Test
	void aKeyringAnswersToItsIdsAndToItsKeysFingerprints() {
		MasterKeys keys = new MasterKeys(EncryptionProperties.keyring(Map.of("old", OTHER_KEY, "new", KEY), "new"));

		assertThat(keys.activeId()).isEqualTo("new");
		assertThat(keys.ids()).containsExactlyInAnyOrder("old", "new");
		assertThat(keys.resolve(MasterKeys.fingerprint(new byte[32]))).isEqualTo("new");
		assertThat(keys.resolve("old")).isEqualTo("old");
		assertThat(keys.resolve("gone")).isNull();
	}

	@Test
	void aMissingOrMalformedKeyStopsStartupWithAMessage() {
		assertThatIllegalStateException().isThrownBy(() -> new MasterKeys(EncryptionProperties.single(null)))
			.withMessageContaining("portcullis.encryption.key is not set");
		assertThatIllegalStateException().isThrownBy(() -> new MasterKeys(EncryptionProperties.single("not base64!")))
			.withMessageContaining("not valid base64");
		assertThatIllegalStateException()
			.isThrownBy(
					() -> new MasterKeys(EncryptionProperties.single(Base64.getEncoder().encodeToString(new byte[16]))))
			.withMessageContaining("exactly 32 bytes");
	}

	@Test
	void aKeyringNeedsAnActiveIdOfItsOwn() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new MasterKeys(EncryptionProperties.keyring(Map.of("old", OTHER_KEY), "new")))
			.withMessageContaining("portcullis.encryption.active must name one of the ids");
		assertThatIllegalStateException()
			.isThrownBy(() -> new MasterKeys(EncryptionProperties.keyring(Map.of("old", OTHER_KEY), null)))
			.withMessageContaining("portcullis.encryption.active");
	}

	@Test
	void aKeyringAndASingleKeyTogetherAreRefused() {
		assertThatIllegalStateException().isThrownBy(
				() -> new MasterKeys(new EncryptionProperties(KEY, List.of(), Map.of("new", OTHER_KEY), "new", null)))
			.withMessageContaining("not both");
	}

	@Test
	void idsAreShortLowerCaseNamesAndKeysAreNotRepeated() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new MasterKeys(EncryptionProperties.keyring(Map.of("New:1", KEY), "New:1")))
			.withMessageContaining("lower-case letters, digits or dashes");
		assertThatIllegalStateException()
			.isThrownBy(() -> new MasterKeys(EncryptionProperties.keyring(Map.of("a", KEY, "b", KEY), "a")))
			.withMessageContaining("same key under two ids");
	}

	@Test
	void theConfigurationNeverPrintsAKey() {
		EncryptionProperties properties = EncryptionProperties.keyring(Map.of("old", OTHER_KEY, "new", KEY), "new");

		assertThat(properties.toString()).doesNotContain(KEY).doesNotContain(OTHER_KEY).contains("new");
	}

}
