/**
 * Start-up plumbing: Flyway over the R2DBC URL.
 */
@ApplicationModule(displayName = "bootstrap", allowedDependencies = {})
package dev.portcullis.bootstrap;

import org.springframework.modulith.ApplicationModule;
