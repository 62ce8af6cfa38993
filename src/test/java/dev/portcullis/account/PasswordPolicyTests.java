package dev.portcullis.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	final CommonPasswords common = new CommonPasswords();

	PasswordPolicy policy(boolean classes) {
		return new PasswordPolicy(new PasswordProperties(8, 128, classes, classes, classes, classes, 2,
				PasswordProperties.Argon2.DEFAULTS), this.common, null);
	}

	@Test
	void aLongUnusualPassphrasePasses() {
		assertThat(policy(false).violations("correct horse battery staple", "a@example.com", null)).isEmpty();
	}

	@Test
	void shortPasswordsAreTooShort() {
		assertThat(policy(false).violations("Xq9!", "a@example.com", null)).contains("too_short");
	}

	@Test
	void overlongPasswordsAreTooLongAndNotAnalysedFurther() {
		assertThat(policy(false).violations("x".repeat(129), "a@example.com", null)).containsExactly("too_long");
	}

	@Test
	void commonPasswordsFailWhateverTheirCase() {
		assertThat(policy(false).violations("Password123", "a@example.com", null)).contains("common_password");
	}

	@Test
	void guessablePasswordsAreTooWeak() {
		assertThat(policy(false).violations("bbbbbbbbbbbbbbbbb", "a@example.com", null)).contains("too_weak");
	}

	@Test
	void passwordsBuiltFromTheUsersOwnEmailAreTooWeak() {
		assertThat(policy(false).violations("zorglubian2", "zorglubian@example.com", null)).contains("too_weak");
	}

	@Test
	void characterClassesAreEnforcedWhenConfigured() {
		assertThat(policy(true).violations("correcthorsebatterystaple", "a@example.com", null))
			.contains("missing_uppercase", "missing_digit", "missing_symbol")
			.doesNotContain("missing_lowercase");
	}

}
