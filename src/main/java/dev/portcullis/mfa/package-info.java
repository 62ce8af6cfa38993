/**
 * Two-factor: TOTP, backup codes, step-up.
 */
@ApplicationModule(displayName = "mfa",
		allowedDependencies = { "account", "audit", "crypto", "ratelimit", "session", "support", "token" })
package dev.portcullis.mfa;

import org.springframework.modulith.ApplicationModule;
