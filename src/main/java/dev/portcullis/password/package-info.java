/**
 * Passwords: change, forgotten, reset.
 */
@ApplicationModule(displayName = "password",
		allowedDependencies = { "account", "audit", "email", "mfa", "ratelimit", "session", "support", "token" })
package dev.portcullis.password;

import org.springframework.modulith.ApplicationModule;
