/**
 * Sessions: refresh-token chains, rotation, reuse detection, listing, revocation, sweep.
 */
@ApplicationModule(displayName = "session",
		allowedDependencies = { "account", "audit", "client", "crypto", "ratelimit", "support", "token" })
package dev.portcullis.session;

import org.springframework.modulith.ApplicationModule;
