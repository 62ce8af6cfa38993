/**
 * The security filter chain, CORS, Origin and size filters, problem+json.
 */
@ApplicationModule(displayName = "web", allowedDependencies = { "edge", "session", "support", "token" })
package dev.portcullis.web;

import org.springframework.modulith.ApplicationModule;
