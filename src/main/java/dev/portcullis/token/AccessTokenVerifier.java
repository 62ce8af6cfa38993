package dev.portcullis.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.GatewayProperties;

/**
 * Verifies access tokens against the published keys: signature by a known {@code kid}
 * with an asymmetric algorithm only (so {@code alg: none} and HMAC-with-the-public-key
 * forgeries fail), {@code typ: at+jwt}, our issuer and audience, and expiry read from the
 * injected clock.
 *
 * <p>
 * A signature check costs about a millisecond of CPU (ES256 on JDK 17), far more than the
 * rest of a request, and a client presents the same token many times. So the claims of a
 * token that verified are remembered for a few minutes, keyed by the exact token string:
 * a hit is the very same bytes that verified before, and its expiry is still checked
 * against the clock on every use, and so is its key: a token whose key left the published
 * set (an emergency rotation retired it) fails at once.
 */
@Component
public class AccessTokenVerifier {

	static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519,
			JWSAlgorithm.RS256);

	private final SigningKeyRing keys;

	private final String issuer;

	private final List<String> audience;

	private final Clock clock;

	private final Cache<String, Verified> verified = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	AccessTokenVerifier(SigningKeyRing keys, AccessTokenProperties properties, GatewayProperties gateway, Clock clock) {
		this.keys = keys;
		this.issuer = gateway.issuerId();
		this.audience = properties.audience().isEmpty() ? List.of(this.issuer) : properties.audience();
		this.clock = clock;
	}

	public Mono<AccessTokenClaims> verify(String token) {
		Verified known = this.verified.getIfPresent(token);
		if (known != null) {
			if (!this.keys.isPublished(known.kid())) {
				this.verified.invalidate(token);
				return Mono.error(new InvalidTokenException("key retired"));
			}
			return known.claims().expiresAt().isAfter(this.clock.instant()) ? Mono.just(known.claims())
					: Mono.error(new InvalidTokenException("expired"));
		}
		return this.keys.keys()
			.flatMap((keySet) -> Mono.fromCallable(() -> process(keySet, token))
				.onErrorResume(InvalidTokenException.class, (ex) -> retryWithNewKeys(keySet, token, ex)))
			.doOnNext((claims) -> this.verified.put(token, new Verified(claims, kidOf(token))));
	}

	/**
	 * A token of a {@code kid} this instance has not loaded may come from a key another
	 * instance has just made (an emergency rotation): reload, at most once per 10
	 * seconds, and try again.
	 */
	private Mono<AccessTokenClaims> retryWithNewKeys(KeySet keySet, String token, InvalidTokenException failure) {
		String kid = kidOf(token);
		if (kid == null || keySet.published().getKeyByKeyId(kid) != null) {
			return Mono.error(failure);
		}
		return this.keys.reloadForUnknownKid()
			.map((reloaded) -> process(reloaded, token))
			.switchIfEmpty(Mono.error(failure));
	}

	private static String kidOf(String token) {
		try {
			return JWSObject.parse(token).getHeader().getKeyID();
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private AccessTokenClaims process(KeySet keySet, String token) {
		return SignedJwts.verify(keySet, token, this::verifyClaims, AccessTokenVerifier::toClaims);
	}

	private void verifyClaims(JWTClaimsSet claims) throws BadJWTException {
		if (!this.issuer.equals(claims.getIssuer())) {
			throw new BadJWTException("foreign issuer");
		}
		if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(this.audience::contains)) {
			throw new BadJWTException("wrong audience");
		}
		Date expiration = claims.getExpirationTime();
		if (expiration == null || !expiration.toInstant().isAfter(this.clock.instant())) {
			throw new BadJWTException("expired");
		}
		for (String required : List.of("sub", "sid", "jti", "iat", "auth_time")) {
			if (claims.getClaim(required) == null) {
				throw new BadJWTException("missing " + required);
			}
		}
	}

	private static AccessTokenClaims toClaims(JWTClaimsSet claims) throws ParseException {
		List<String> amr = claims.getStringListClaim("amr");
		List<String> roles = claims.getStringListClaim("roles");
		return new AccessTokenClaims(UUID.fromString(claims.getSubject()),
				UUID.fromString(claims.getStringClaim("sid")), Instant.ofEpochSecond(claims.getLongClaim("auth_time")),
				(amr != null) ? amr : List.of(), (roles != null) ? roles : List.of(), claims.getJWTID(),
				claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
	}

	/** A token that verified, with the key it verified under. */
	private record Verified(AccessTokenClaims claims, String kid) {

	}

}
