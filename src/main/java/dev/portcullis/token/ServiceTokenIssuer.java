package dev.portcullis.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.GatewayProperties;

/**
 * Issues service-to-service access tokens (RFC 9068 profile, {@code typ: at+jwt}) with
 * the same signing keys as user tokens, so resource servers trust both through one JWKS.
 * The token carries {@code sub} = {@code client_id} = the client, {@code scope} and
 * {@code aud}, and deliberately no {@code sid}: the gateway's own bearer endpoints
 * require a session and refuse it (see {@link AccessTokenVerifier}).
 */
@Component
public class ServiceTokenIssuer {

	private final SigningKeyRing keys;

	private final String issuer;

	private final Duration maxTtl;

	private final Clock clock;

	private final DefaultJWSSignerFactory signers = new DefaultJWSSignerFactory();

	ServiceTokenIssuer(SigningKeyRing keys, AccessTokenProperties properties, GatewayProperties gateway, Clock clock) {
		this.keys = keys;
		this.issuer = gateway.issuerId();
		this.maxTtl = properties.ttl();
		this.clock = clock;
	}

	/**
	 * The longest lifetime a service token may have: retired signing keys stay in the
	 * JWKS for {@code portcullis.access-token.ttl}, so a longer-lived token would outlive
	 * its key.
	 */
	public Duration maxTtl() {
		return this.maxTtl;
	}

	/**
	 * Signs a token for a client.
	 * @param scopes granted scopes, possibly none
	 * @param audience at least one {@code aud} value
	 * @param ttl lifetime, at most {@link #maxTtl()}
	 */
	public Mono<IssuedServiceToken> issue(String clientId, List<String> scopes, List<String> audience, Duration ttl) {
		if (audience.isEmpty() || ttl.compareTo(this.maxTtl) > 0 || ttl.toSeconds() < 1) {
			return Mono.error(new IllegalArgumentException(
					"A service token needs an audience and a ttl of 1s to " + this.maxTtl + " (asked " + ttl + ")"));
		}
		return this.keys.keys().map((keySet) -> sign(keySet.signing(), clientId, scopes, audience, ttl));
	}

	private IssuedServiceToken sign(SigningKey key, String clientId, List<String> scopes, List<String> audience,
			Duration ttl) {
		Instant now = Instant.ofEpochSecond(this.clock.instant().getEpochSecond());
		Instant expiresAt = now.plus(ttl);
		ServiceTokenClaims claims = new ServiceTokenClaims(clientId, scopes, audience, UUID.randomUUID().toString(),
				now, expiresAt);
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(clientId)
			.audience(audience)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiresAt))
			.jwtID(claims.jti())
			.claim("client_id", clientId);
		if (!scopes.isEmpty()) {
			builder.claim("scope", claims.scope());
		}
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(key.jwk().getAlgorithm().getName()))
			.type(AccessTokenIssuer.AT_JWT)
			.keyID(key.kid())
			.build();
		SignedJWT jwt = new SignedJWT(header, builder.build());
		try {
			jwt.sign(this.signers.createJWSSigner(key.jwk()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a service token", ex);
		}
		return new IssuedServiceToken(jwt.serialize(), ttl.toSeconds(), claims);
	}

}
