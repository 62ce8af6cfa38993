package dev.portcullis.token;

import java.time.Instant;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each selectable algorithm yields a key that signs, and whose public half verifies. */
class SigningKeyAlgorithmTests {

	@ParameterizedTest
	@ValueSource(strings = { "ES256", "EdDSA", "RS256" })
	void generatedKeySignsAndItsPublicHalfVerifies(String algorithm) throws Exception {
		SigningKey key = SigningKeyRing.generate(algorithm, 1, Instant.now());
		assertThat(key.jwk().getAlgorithm().getName()).isEqualTo(algorithm);

		JWSObject jws = new JWSObject(
				new JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.parse(algorithm)).keyID(key.kid()).build(),
				new Payload("hello"));
		jws.sign(new DefaultJWSSignerFactory().createJWSSigner(key.jwk()));

		JWSObject parsed = JWSObject.parse(jws.serialize());
		var publicJwk = key.jwk().toPublicJWK();
		var verifier = (publicJwk instanceof OctetKeyPair okp) ? new com.nimbusds.jose.crypto.Ed25519Verifier(okp)
				: new DefaultJWSVerifierFactory().createJWSVerifier(parsed.getHeader(),
						((AsymmetricJWK) publicJwk).toPublicKey());
		assertThat(parsed.verify(verifier)).isTrue();
		assertThat(publicJwk.isPrivate()).isFalse();
	}

}
