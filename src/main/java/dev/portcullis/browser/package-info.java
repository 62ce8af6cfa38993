/**
 * What browsers load from the gateway: the {@code portcullis.js} client module (built
 * from {@code clients/js}) and the account pages, each with its security headers.
 */
@ApplicationModule(displayName = "browser", allowedDependencies = { "support" })
package dev.portcullis.browser;

import org.springframework.modulith.ApplicationModule;
