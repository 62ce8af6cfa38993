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

	String sameSiteAttribute() {
		return switch (this.sameSite.toLowerCase(Locale.ROOT)) {
			case "lax" -> "Lax";
			case "none" -> "None";
			default -> "Strict";
		};
	}

}
