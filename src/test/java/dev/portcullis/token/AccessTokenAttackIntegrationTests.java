package dev.portcullis.token;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import dev.portcullis.support.Problems;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;

/** Forged and broken access tokens are refused with {@code 401 invalid_token}. */
class AccessTokenAttackIntegrationTests extends IntegrationTest {

	@Autowired
	SigningKeyRing keys;

	JsonNode tokens;

	JWTClaimsSet genuineClaims;

	@BeforeEach
	void signIn() throws Exception {
		this.tokens = auth().newSignedInUser();
		this.genuineClaims = SignedJWT.parse(this.tokens.get("accessToken").asString()).getJWTClaimsSet();
	}

	@Test
	void genuineTokenIsAccepted() {
		assertAccepted(this.tokens.get("accessToken").asString());
	}

	@Test
	void unsignedTokenWithAlgNoneIsRejected() {
		assertInvalid(new PlainJWT(this.genuineClaims).serialize());
	}

	@Test
	void hmacTokenKeyedWithThePublicKeyIsRejected() throws Exception {
		JWK publicKey = signingKey().toPublicJWK();
		SignedJWT forged = new SignedJWT(header(JWSAlgorithm.HS256, publicKey.getKeyID()), this.genuineClaims);
		forged.sign(new MACSigner(publicKey.toJSONString().getBytes()));
		assertInvalid(forged.serialize());
	}

	@Test
	void tokenSignedByAnUnknownKeyIsRejected() throws Exception {
		ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		SignedJWT forged = new SignedJWT(header(JWSAlgorithm.ES256, attacker.getKeyID()), this.genuineClaims);
		forged.sign(new ECDSASigner(attacker));
		assertInvalid(forged.serialize());
	}

	@Test
	void tokenSignedByAnUnknownKeyClaimingAKnownKidIsRejected() throws Exception {
		ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
		SignedJWT forged = new SignedJWT(header(JWSAlgorithm.ES256, signingKey().getKeyID()), this.genuineClaims);
		forged.sign(new ECDSASigner(attacker));
		assertInvalid(forged.serialize());
	}

	@Test
	void expiredTokenIsRejected() {
		this.clock.advance(Duration.ofMinutes(16));
		assertInvalid(this.tokens.get("accessToken").asString());
	}

	@Test
	void tokenAcceptedEarlierIsRejectedOnceExpired() {
		assertAccepted(this.tokens.get("accessToken").asString());
		this.clock.advance(Duration.ofMinutes(16));
		assertInvalid(this.tokens.get("accessToken").asString());
	}

	@Test
	void tamperedPayloadIsRejected() {
		String[] parts = this.tokens.get("accessToken").asString().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
		String elevated = payload.replace("\"roles\":[\"user\"]", "\"roles\":[\"admin\"]");
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(elevated.getBytes())
				+ "." + parts[2];
		assertInvalid(tampered);
	}

	@Test
	void tokenFromAnotherIssuerIsRejectedEvenWithOurKey() throws Exception {
		JWTClaimsSet foreign = new JWTClaimsSet.Builder(this.genuineClaims).issuer("https://evil.example").build();
		assertInvalid(signWithOurKey(foreign));
	}

	@Test
	void tokenForAnotherAudienceIsRejectedEvenWithOurKey() throws Exception {
		JWTClaimsSet foreign = new JWTClaimsSet.Builder(this.genuineClaims).audience("another-service").build();
		assertInvalid(signWithOurKey(foreign));
	}

	@Test
	void tokenWithoutTheAccessTokenTypeIsRejected() throws Exception {
		JWK key = signingKey();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
				this.genuineClaims);
		jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key));
		assertInvalid(jwt.serialize());
	}

	@Test
	void keyUrlHeadersPointingAtTheAttackersKeysAreIgnored() throws Exception {
		ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(signingKey().getKeyID()).generate();
		for (JWSHeader header : List.of(
				attackHeader(attacker).jwkURL(URI.create("https://evil.example/jwks.json")).build(),
				attackHeader(attacker).x509CertURL(URI.create("https://evil.example/cert.pem")).build(),
				attackHeader(attacker).jwk(attacker.toPublicJWK()).build(),
				attackHeader(attacker).jwk(attacker.toPublicJWK())
					.jwkURL(URI.create("file:///etc/passwd"))
					.keyID(attacker.computeThumbprint().toString())
					.build())) {
			SignedJWT forged = new SignedJWT(header, this.genuineClaims);
			forged.sign(new ECDSASigner(attacker));
			assertInvalid(forged.serialize());
		}
	}

	@Test
	void kidPathTraversalAndSqlInjectionAreJustUnknownKeys() throws Exception {
		byte[] emptyFileKey = new byte[32];
		for (String kid : List.of("../../../../../../dev/null", "/dev/null", "' OR '1'='1",
				"x'; drop table sessions; --", "%00", "\\evil.example\\share", "${jndi:ldap://evil.example/a}", "")) {
			SignedJWT forged = new SignedJWT(header(JWSAlgorithm.HS256, kid), this.genuineClaims);
			forged.sign(new MACSigner(emptyFileKey));
			assertInvalid(forged.serialize());
		}
	}

	@Test
	void unknownCriticalHeaderIsRejectedEvenWithOurSignature() throws Exception {
		JWK key = signingKey();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID(key.getKeyID())
			.criticalParams(Set.of("exp-policy"))
			.customParam("exp-policy", "never")
			.build(), this.genuineClaims);
		jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key));
		assertInvalid(jwt.serialize());
	}

	@Test
	void unencodedPayloadIsRejectedEvenWithOurSignature() throws Exception {
		JWK key = signingKey();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID(key.getKeyID())
			.base64URLEncodePayload(false)
			.criticalParams(Set.of("b64"))
			.build();
		String payload = this.genuineClaims.toString();
		JWSObject jws = new JWSObject(header, new Payload(payload));
		jws.sign(new DefaultJWSSignerFactory().createJWSSigner(key));
		assertInvalid(header.toBase64URL() + "." + payload + "." + jws.getSignature());
		assertInvalid(header.toBase64URL() + ".." + jws.getSignature());
	}

	@Test
	void nestedTokensAreRejected() throws Exception {
		String genuine = this.tokens.get("accessToken").asString();
		ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(signingKey().getKeyID()).generate();
		JWSObject wrappedByAttacker = new JWSObject(attackHeader(attacker).contentType("JWT").build(),
				new Payload(genuine));
		wrappedByAttacker.sign(new ECDSASigner(attacker));
		assertInvalid(wrappedByAttacker.serialize());

		JWK key = signingKey();
		JWSObject wrappedByUs = new JWSObject(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
					.keyID(key.getKeyID())
					.contentType("JWT")
					.build(),
				new Payload(new PlainJWT(this.genuineClaims).serialize()));
		wrappedByUs.sign(new DefaultJWSSignerFactory().createJWSSigner(key));
		assertInvalid(wrappedByUs.serialize());
	}

	@Test
	void otherAuthorizationSchemesAreInvalidAndAMissingHeaderIsUnauthenticated() {
		Problems.expectProblem(this.http.get()
			.uri("/v1/auth/session")
			.header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
			.exchange(), 401, "invalid_token");
		Problems.expectProblem(this.http.get().uri("/v1/auth/session").exchange(), 401, "unauthenticated");
	}

	private String signWithOurKey(JWTClaimsSet claims) throws Exception {
		JWK key = signingKey();
		SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.ES256, key.getKeyID()), claims);
		jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key));
		return jwt.serialize();
	}

	private JWK signingKey() {
		return this.keys.keys().block(Duration.ofSeconds(5)).signing().jwk();
	}

	private static JWSHeader.Builder attackHeader(ECKey attacker) {
		return new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID(attacker.getKeyID());
	}

	private static JWSHeader header(JWSAlgorithm algorithm, String kid) {
		return new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt")).keyID(kid).build();
	}

	private void assertAccepted(String token) {
		auth().get("/v1/auth/session", token).expectStatus().isOk();
	}

	private void assertInvalid(String token) {
		auth().get("/v1/auth/session", token)
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_token");
	}

}
