/**
 * Security events: storage, log lines, metrics.
 */
@ApplicationModule(displayName = "audit", allowedDependencies = { "support", "token" })
package dev.portcullis.audit;

import org.springframework.modulith.ApplicationModule;
