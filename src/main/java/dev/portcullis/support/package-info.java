/**
 * Shared kernel: problems, client info, offloading, periodic tasks.
 */
@ApplicationModule(displayName = "support", allowedDependencies = {})
package dev.portcullis.support;

import org.springframework.modulith.ApplicationModule;
