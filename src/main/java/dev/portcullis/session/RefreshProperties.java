package dev.portcullis.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Refresh-token rotation.
 *
 * @param reuseGrace a repeat of the same parent token within this window gets the same
 * successor instead of being treated as theft; default 10s
 * @param reuseAction what reuse outside the grace window revokes; default the session
 */
@ConfigurationProperties("portcullis.refresh")
record RefreshProperties(@DefaultValue("10s") Duration reuseGrace,
		@DefaultValue("revoke-session") ReuseAction reuseAction) {

	public enum ReuseAction {

		REVOKE_SESSION, REVOKE_ALL_SESSIONS

	}

}
