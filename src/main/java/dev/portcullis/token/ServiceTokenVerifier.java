package dev.portcullis.token;

import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.GatewayProperties;

/**
 * Verifies service-to-service tokens for introspection: signature by a published key,
 * {@code typ: at+jwt}, our issuer, not expired by the injected clock, {@code sub} equal
 * to {@code client_id}, an audience, and no {@code sid} (a token with a session is a user
 * token and goes through {@link AccessTokenVerifier} with its session check). Any
 * audience is accepted: the caller of introspection is the resource server and decides
 * whether the token is meant for it.
 */
@Component
public class ServiceTokenVerifier {

	private final SigningKeyRing keys;

	private final String issuer;

	private final Clock clock;

	ServiceTokenVerifier(SigningKeyRing keys, GatewayProperties gateway, Clock clock) {
		this.keys = keys;
		this.issuer = gateway.issuerId();
		this.clock = clock;
	}

	/** The claims, or an {@link InvalidTokenException}. */
	public Mono<ServiceTokenClaims> verify(String token) {
		return this.keys.keys().map((keySet) -> process(keySet, token));
	}

	private ServiceTokenClaims process(KeySet keySet, String token) {
		return SignedJwts.verify(keySet, token, this::verifyClaims, ServiceTokenVerifier::toClaims);
	}

	private void verifyClaims(JWTClaimsSet claims) throws BadJWTException {
		if (!this.issuer.equals(claims.getIssuer())) {
			throw new BadJWTException("foreign issuer");
		}
		if (claims.getClaim("sid") != null) {
			throw new BadJWTException("a session token");
		}
		if (claims.getSubject() == null || !claims.getSubject().equals(claims.getClaim("client_id"))) {
			throw new BadJWTException("not a client token");
		}
		if (claims.getAudience() == null || claims.getAudience().isEmpty()) {
			throw new BadJWTException("no audience");
		}
		Date expiration = claims.getExpirationTime();
		if (expiration == null || !expiration.toInstant().isAfter(this.clock.instant())) {
			throw new BadJWTException("expired");
		}
		if (claims.getJWTID() == null || claims.getIssueTime() == null) {
			throw new BadJWTException("missing jti or iat");
		}
	}

	private static ServiceTokenClaims toClaims(JWTClaimsSet claims) throws ParseException {
		String scope = claims.getStringClaim("scope");
		List<String> scopes = (scope == null || scope.isBlank()) ? List.of() : Arrays.asList(scope.split(" "));
		return new ServiceTokenClaims(claims.getSubject(), scopes, claims.getAudience(), claims.getJWTID(),
				claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
	}

}
