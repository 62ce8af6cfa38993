package dev.portcullis.mfa;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackupCodeFormatTests {

	@Test
	void aSetIsTenDistinctCodesOfTenCrockfordCharacters() {
		List<String> set = BackupCodeFormat.generate();
		assertThat(set).hasSize(10);
		assertThat(new HashSet<>(set)).hasSize(10);
		assertThat(set).allMatch((code) -> code.matches("[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}"));
	}

	@Test
	void typedCodesAreNormalisedBeforeComparison() {
		assertThat(BackupCodeFormat.normalize(" ABCDE-FGH0J ")).isEqualTo("abcdefgh0j");
		assertThat(BackupCodeFormat.normalize("abcde fghjk")).isEqualTo("abcdefghjk");
		// Crockford's look-alikes: I and L read as 1, O as 0.
		assertThat(BackupCodeFormat.normalize("IL0O1-23456")).isEqualTo("110012345" + "6");
	}

}
