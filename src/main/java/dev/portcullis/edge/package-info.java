/**
 * In front of backend services: forward auth for an existing proxy and routes through
 * Spring Cloud Gateway, both with the gateway's own bearer check (see docs/edge.md).
 */
@ApplicationModule(displayName = "edge", allowedDependencies = { "ratelimit", "session", "support", "token" })
package dev.portcullis.edge;

import org.springframework.modulith.ApplicationModule;
