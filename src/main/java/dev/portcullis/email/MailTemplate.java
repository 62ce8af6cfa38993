package dev.portcullis.email;

/**
 * Every mail Portcullis sends. Each has a plain-text and an HTML template in
 * {@code src/main/resources/email/}: {@code <name>.txt} (first line {@code Subject: …})
 * and {@code <name>.html}.
 */
enum MailTemplate {

	VERIFY_EMAIL("verify-email"), PASSWORD_RESET("password-reset"), PASSWORD_RESET_DONE("password-reset-done"),
	PASSWORD_CHANGED("password-changed"), NEW_DEVICE("new-device"), REFRESH_TOKEN_REUSED("refresh-token-reused"),
	ACCOUNT_LOCKED("account-locked"), TWO_FACTOR_ENABLED("two-factor-enabled"),
	TWO_FACTOR_DISABLED("two-factor-disabled");

	private final String fileName;

	MailTemplate(String fileName) {
		this.fileName = fileName;
	}

	public String fileName() {
		return this.fileName;
	}

}
