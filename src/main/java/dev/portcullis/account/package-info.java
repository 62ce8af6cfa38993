/**
 * Accounts: users, sign-up, password policy and hashing, lockout.
 */
@ApplicationModule(displayName = "account", allowedDependencies = { "audit", "crypto", "ratelimit", "support" })
package dev.portcullis.account;

import org.springframework.modulith.ApplicationModule;
