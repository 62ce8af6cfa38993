package dev.portcullis.token;

import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Checks a JWT of ours the same way for every kind of token: {@code typ: at+jwt}, a
 * published key and one of {@link AccessTokenVerifier#ALGORITHMS} (never {@code none} or
 * HMAC), then the caller's claim rules. Any failure is an {@link InvalidTokenException}.
 */
final class SignedJwts {

	/** The caller's claim rules; a broken rule throws {@link BadJWTException}. */
	interface ClaimRules {

		void verify(JWTClaimsSet claims) throws BadJWTException;

	}

	/** Reads the verified claims into the caller's type. */
	interface ClaimsReader<T> {

		T read(JWTClaimsSet claims) throws ParseException;

	}

	private SignedJwts() {
	}

	static <T> T verify(KeySet keySet, String token, ClaimRules rules, ClaimsReader<T> reader) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(AccessTokenIssuer.AT_JWT));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(AccessTokenVerifier.ALGORITHMS,
				new ImmutableJWKSet<>(keySet.published())));
		processor.setJWTClaimsSetVerifier((claims, context) -> rules.verify(claims));
		try {
			return reader.read(processor.process(token, null));
		}
		catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException ex) {
			throw new InvalidTokenException(ex.getMessage());
		}
	}

}
