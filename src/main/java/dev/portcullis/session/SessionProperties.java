package dev.portcullis.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session lifetimes.
 *
 * @param expiresIn lifetime of a session, extended on refresh (sliding); default 24h
 * @param updateAge a refresh extends the expiry only when the last extension is older
 * than this; default 1h
 * @param rememberMeExpiresIn lifetime when the user asked to be remembered; default 30d
 * @param absoluteLifetime hard cap from sign-in; no sliding past it; default 90d
 * @param retention how long expired or revoked sessions are kept before the sweep deletes
 * them; default 30d
 * @param statusCacheTtl how long an instance trusts its cached view of a session's state
 * between Redis invalidations; default 10s
 * @param sweepInterval how often each instance records expiries, refreshes the active
 * sessions gauge and deletes sessions past {@code retention}; default 1m
 */
@ConfigurationProperties("portcullis.session")
record SessionProperties(@DefaultValue("24h") Duration expiresIn, @DefaultValue("1h") Duration updateAge,
		@DefaultValue("30d") Duration rememberMeExpiresIn, @DefaultValue("90d") Duration absoluteLifetime,
		@DefaultValue("30d") Duration retention, @DefaultValue("10s") Duration statusCacheTtl,
		@DefaultValue("1m") Duration sweepInterval) {

	SessionProperties {
		if (expiresIn.compareTo(absoluteLifetime) > 0) {
			throw new IllegalArgumentException("portcullis.session.expires-in (" + expiresIn
					+ ") must not exceed portcullis.session.absolute-lifetime (" + absoluteLifetime + ")");
		}
		if (rememberMeExpiresIn.compareTo(absoluteLifetime) > 0) {
			throw new IllegalArgumentException("portcullis.session.remember-me-expires-in (" + rememberMeExpiresIn
					+ ") must not exceed portcullis.session.absolute-lifetime (" + absoluteLifetime + ")");
		}
	}

	Duration lifetime(boolean rememberMe) {
		return rememberMe ? this.rememberMeExpiresIn : this.expiresIn;
	}

}
