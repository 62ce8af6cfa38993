/**
 * Rate limiting: Redis Lua scripts and the web filter.
 */
@ApplicationModule(displayName = "ratelimit", allowedDependencies = { "crypto", "support" })
package dev.portcullis.ratelimit;

import org.springframework.modulith.ApplicationModule;
