/**
 * Access tokens: signing keys, JWKS, discovery, verification.
 */
@ApplicationModule(displayName = "token", allowedDependencies = { "crypto", "support" })
package dev.portcullis.token;

import org.springframework.modulith.ApplicationModule;
