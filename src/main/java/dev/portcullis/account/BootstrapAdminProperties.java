package dev.portcullis.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created at start when absent.
 *
 * @param email default none (no bootstrap admin)
 * @param password default none; required with {@code email}
 */
@ConfigurationProperties("portcullis.bootstrap-admin")
record BootstrapAdminProperties(String email, String password) {

	boolean enabled() {
		return this.email != null && !this.email.isBlank();
	}

	@Override
	public String toString() {
		return "BootstrapAdminProperties[email=" + this.email + ", password=<hidden>]";
	}

}
