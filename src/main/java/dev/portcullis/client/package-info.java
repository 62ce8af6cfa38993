/**
 * Service clients and the OAuth 2.0 client credentials grant
 * ({@code POST /oauth2/token}): configured clients with encoded secrets, scopes and
 * audiences, RFC 6749 errors.
 */
@ApplicationModule(displayName = "client", allowedDependencies = { "crypto", "ratelimit", "support", "token" })
package dev.portcullis.client;

import org.springframework.modulith.ApplicationModule;
