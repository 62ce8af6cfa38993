package dev.portcullis.token;

import java.time.Duration;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A standard Spring Security resource server, configured from the issuer URI alone
 * (discovery, then JWKS) plus the RFC 9068 token type, validates gateway tokens on its
 * own. Spring Security 7 accepts only {@code typ: JWT} unless told otherwise; the
 * contract's access tokens are {@code at+jwt} (see docs/api.md).
 */
class ResourceServerInteroperabilityIntegrationTests extends IntegrationTest {

	@Test
	void resourceServerConfiguredByIssuerUriAcceptsGatewayTokensAndRejectsForgeries() throws Exception {
		String issuer = TestInfrastructure.get().issuer();
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer)
			.validateType(false)
			.build();
		// expiry checked against the tests' clock, which stands at 2026-01-01
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(this.clock);
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(timestamps, new JwtIssuerValidator(issuer),
				new JwtTypeValidator("at+jwt")));
		String token = auth().newSignedInUser().get("accessToken").asString();

		Jwt jwt = decoder.decode(token).block(Duration.ofSeconds(10));
		assertThat(jwt.getIssuer().toString()).isEqualTo(TestInfrastructure.get().issuer());
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("user");

		SignedJWT genuine = SignedJWT.parse(token);
		ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID(genuine.getHeader().getKeyID())
			.build(), genuine.getJWTClaimsSet());
		forged.sign(new ECDSASigner(attacker));
		assertThatThrownBy(() -> decoder.decode(forged.serialize()).block(Duration.ofSeconds(10)))
			.isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
	}

}
