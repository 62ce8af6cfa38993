/**
 * Administration over accounts and sessions.
 */
@ApplicationModule(displayName = "admin",
		allowedDependencies = { "account", "audit", "mfa", "session", "support", "token" })
package dev.portcullis.admin;

import org.springframework.modulith.ApplicationModule;
