package dev.portcullis.session.web;

import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The refresh cookie.
 *
 * @param name default {@code portcullis_refresh}
 * @param secure default true; false only for local plain-HTTP runs
 * @param sameSite {@code strict} (default), {@code lax} or {@code none}
 * @param domain default none (host-only cookie)
 */
@ConfigurationProperties("portcullis.cookie")
record CookieProperties(@DefaultValue("portcullis_refresh") String name, @DefaultValue("true") boolean secure,
		@DefaultValue("strict") String sameSite, String domain) {

	CookieProperties {
		String value = sameSite.toLowerCase(Locale.ROOT);
		if (!value.equals("strict") && !value.equals("lax") && !value.equals("none")) {
			throw new IllegalArgumentException(
					"portcullis.cookie.same-site must be strict, lax or none (was '" + sameSite + "')");
		}
		// Browsers drop a SameSite=None cookie that is not Secure.
		if (value.equals("none") && !secure) {
			throw new IllegalArgumentException(
					"portcullis.cookie.same-site=none requires portcullis.cookie.secure=true (browsers reject it otherwise)");
		}
	}

	String sameSiteAttribute() {
		return switch (this.sameSite.toLowerCase(Locale.ROOT)) {
			case "lax" -> "Lax";
			case "none" -> "None";
			default -> "Strict";
		};
	}

}
