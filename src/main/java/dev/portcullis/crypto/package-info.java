/**
 * Master keys, sealing, token hashing.
 */
@ApplicationModule(displayName = "crypto", allowedDependencies = {})
package dev.portcullis.crypto;

import org.springframework.modulith.ApplicationModule;
