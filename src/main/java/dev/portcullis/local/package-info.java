/**
 * The embedded local mode (./mvnw spring-boot:run): embedded PostgreSQL and Redis; never
 * loaded outside the local profile.
 */
@ApplicationModule(displayName = "local", allowedDependencies = {})
package dev.portcullis.local;

import org.springframework.modulith.ApplicationModule;
