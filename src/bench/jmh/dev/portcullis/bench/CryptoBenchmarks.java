package dev.portcullis.bench;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The CPU ceilings of the benchmark: one Argon2id hash with the gateway's default cost,
 * one ES256 access-token signature (as {@code AccessTokenIssuer} builds it) and one
 * verification. Compiled and run by {@code src/bench/run.sh}; not part of the build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoBenchmarks {

	// Defaults of portcullis.password.argon2.*: 16-byte salt, 32-byte hash, 1 lane, 16 MiB, 2 passes
	private final Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 16384, 2);

	private final DefaultJWSSignerFactory signers = new DefaultJWSSignerFactory();

	private ECKey key;

	private JWSSigner signer;

	private JWSVerifier verifier;

	private String token;

	@Setup
	public void setUp() throws Exception {
		this.key = new ECKeyGenerator(Curve.P_256).keyID("bench").algorithm(JWSAlgorithm.ES256).generate();
		this.signer = this.signers.createJWSSigner(this.key);
		this.verifier = new ECDSAVerifier(this.key.toPublicJWK());
		this.token = sign(this.signer).serialize();
	}

	@Benchmark
	public String argon2Hash() {
		return this.argon2.encode("correct horse battery staple");
	}

	/** As the gateway does today: a signer made from the JWK for every token. */
	@Benchmark
	public String signWithNewSigner() throws Exception {
		return sign(this.signers.createJWSSigner(this.key)).serialize();
	}

	@Benchmark
	public String signWithReusedSigner() throws Exception {
		return sign(this.signer).serialize();
	}

	@Benchmark
	public boolean verify() throws Exception {
		return SignedJWT.parse(this.token).verify(this.verifier);
	}

	private SignedJWT sign(JWSSigner signer) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://127.0.0.1:18080")
			.subject(UUID.randomUUID().toString())
			.audience("portcullis")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(900)))
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", "portcullis")
			.claim("sid", UUID.randomUUID().toString())
			.claim("auth_time", now.getEpochSecond())
			.claim("amr", List.of("pwd"))
			.claim("roles", List.of("user"))
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID("bench").build(),
				claims);
		jwt.sign(signer);
		return jwt;
	}

}
