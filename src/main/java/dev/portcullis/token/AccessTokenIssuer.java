package dev.portcullis.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.GatewayProperties;

/** Issues RFC 9068 access tokens ({@code typ: at+jwt}) signed with the current key. */
@Component
public class AccessTokenIssuer {

	static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

	private final SigningKeyRing keys;

	private final AccessTokenProperties properties;

	private final String issuer;

	private final List<String> audience;

	private final Clock clock;

	private final DefaultJWSSignerFactory signers = new DefaultJWSSignerFactory();

	/**
	 * The signer of the current key, made once per key rather than per token (turning a
	 * JWK into a JCA private key is a measurable part of a signature; Nimbus signers are
	 * thread-safe). Replaced when the ring rotates to another key.
	 */
	private volatile KeyedSigner current;

	AccessTokenIssuer(SigningKeyRing keys, AccessTokenProperties properties, GatewayProperties gateway, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.issuer = gateway.issuerId();
		this.audience = properties.audience().isEmpty() ? List.of(this.issuer) : properties.audience();
		this.clock = clock;
	}

	/**
	 * Signs a token for a session.
	 * @param authTime when the user last proved who they are (sign-in or step-up)
	 */
	public Mono<IssuedAccessToken> issue(UUID userId, UUID sessionId, Instant authTime, List<String> amr,
			List<String> roles) {
		return this.keys.keys()
			.map((keySet) -> sign(keySet.signing(), userId, sessionId, authTime, amr, roles, this.audience,
					this.properties.ttl()));
	}

	/**
	 * Signs a token for one backend: the same {@code sub}, {@code sid},
	 * {@code auth_time}, {@code amr} and {@code roles} as a verified token, but
	 * {@code aud} = {@code audience} only, a fresh {@code jti}, and its own lifetime
	 * (never past the original's expiry). Used by the edge's token exchange, so a backend
	 * only ever sees tokens meant for it; Portcullis itself refuses such a token unless
	 * that audience is also one of its own.
	 */
	public Mono<IssuedAccessToken> issueFor(AccessTokenClaims original, String audience, Duration ttl) {
		return this.keys.keys().map((keySet) -> {
			Duration left = Duration.between(this.clock.instant(), original.expiresAt());
			Duration lifetime = (left.compareTo(ttl) < 0) ? left : ttl;
			return sign(keySet.signing(), original.userId(), original.sessionId(), original.authTime(), original.amr(),
					original.roles(), List.of(audience), lifetime);
		});
	}

	private IssuedAccessToken sign(SigningKey key, UUID userId, UUID sessionId, Instant authTime, List<String> amr,
			List<String> roles, List<String> audience, Duration ttl) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(ttl);
		String jti = UUID.randomUUID().toString();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(userId.toString())
			.audience(audience)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiresAt))
			.jwtID(jti)
			.claim("client_id", "portcullis")
			.claim("sid", sessionId.toString())
			.claim("auth_time", authTime.getEpochSecond())
			.claim("amr", amr)
			.claim("roles", roles)
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(key.jwk().getAlgorithm().getName())).type(AT_JWT)
			.keyID(key.kid())
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(signerFor(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token", ex);
		}
		return new IssuedAccessToken(jwt.serialize(), ttl.toSeconds(),
				new AccessTokenClaims(userId, sessionId, Instant.ofEpochSecond(authTime.getEpochSecond()), amr, roles,
						jti, Instant.ofEpochSecond(now.getEpochSecond()),
						Instant.ofEpochSecond(expiresAt.getEpochSecond())));
	}

	private JWSSigner signerFor(SigningKey key) throws JOSEException {
		KeyedSigner signer = this.current;
		if (signer == null || (signer.key() != key && !signer.key().equals(key))) {
			signer = new KeyedSigner(key, this.signers.createJWSSigner(key.jwk()));
			this.current = signer;
		}
		return signer.signer();
	}

	private record KeyedSigner(SigningKey key, JWSSigner signer) {
	}

}
