/**
 * Outgoing mail: verification and reset links, notifications, the outbox.
 */
@ApplicationModule(displayName = "email",
		allowedDependencies = { "account", "audit", "crypto", "ratelimit", "support" })
package dev.portcullis.email;

import org.springframework.modulith.ApplicationModule;
