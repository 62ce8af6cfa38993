// Verifying Portcullis access tokens in Node with jose (docs/resource-servers.md).
import { createRemoteJWKSet, jwtVerify } from 'jose';

// The algorithms Portcullis signs with (portcullis.signing-keys.algorithm). Never
// accept "none" or an HMAC algorithm: the keys are public.
const ALGORITHMS = ['ES256', 'EdDSA', 'Ed25519', 'RS256'];

/**
 * Reads the issuer's discovery document once, then verifies tokens against its JWKS:
 * signature by a published key (fetched again when an unknown kid appears, as after a
 * rotation), typ at+jwt (RFC 9068), iss, aud (any of `audiences`) and exp.
 *
 * @param {{issuer: string, audiences: string[]}} options
 * @returns {Promise<(token: string) => Promise<import('jose').JWTPayload>>}
 */
export async function createVerifier({ issuer, audiences }) {
  const response = await fetch(new URL('/.well-known/openid-configuration', issuer));
  if (!response.ok) {
    throw new Error(`discovery answered ${response.status}`);
  }
  const discovery = await response.json();
  if (discovery.issuer !== issuer) {
    throw new Error(`discovery names issuer ${discovery.issuer}, expected ${issuer}`);
  }
  const keys = createRemoteJWKSet(new URL(discovery.jwks_uri), {
    cacheMaxAge: 10 * 60 * 1000,
    cooldownDuration: 30 * 1000,
  });
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer,
      audience: audiences,
      typ: 'at+jwt',
      algorithms: ALGORITHMS,
      clockTolerance: 5,
    });
    return payload;
  };
}

/**
 * What the token allows, in the Spring Security spelling: a service token's space-separated
 * `scope` as SCOPE_…, a user token's `roles` as ROLE_….
 *
 * @param {import('jose').JWTPayload} claims
 * @returns {string[]}
 */
export function authorities(claims) {
  const scopes = typeof claims.scope === 'string' && claims.scope !== '' ? claims.scope.split(' ') : [];
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  return [...scopes.map((scope) => `SCOPE_${scope}`), ...roles.map((role) => `ROLE_${role}`)].sort();
}
