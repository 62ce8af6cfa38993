/**
 * Master keyring, sealing and the re-seal, per-purpose HMAC secrets, token hashing.
 */
@ApplicationModule(displayName = "crypto", allowedDependencies = { "support" })
package dev.portcullis.crypto;

import org.springframework.modulith.ApplicationModule;
