package dev.portcullis.mfa.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives two-factor flows over HTTP for tests. Codes are computed here from the secret
 * the gateway returned, with java-otp configured independently of the main code (SHA-1, 6
 * digits, 30 s). Each code is accepted once per step, so {@link #nextCode} moves the test
 * clock to the next step first.
 */
final class TwoFactorFixture {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator(
			Duration.ofSeconds(30), 6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

	private final WebTestClient http;

	private final MutableClock clock;

	private final AuthClient auth;

	TwoFactorFixture(WebTestClient http, MutableClock clock) {
		this.http = http;
		this.clock = clock;
		this.auth = new AuthClient(http);
	}

	/**
	 * A user who signed up, signed in (body delivery) and turned 2FA on from that
	 * session.
	 */
	Enrolled enrolled() {
		String email = AuthClient.uniqueEmail();
		this.auth.signUpVerified(email);
		JsonNode tokens = this.auth.signIn(email);
		String access = tokens.get("accessToken").asString();
		JsonNode started = enable(access).expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		String secret = started.get("secret").asString();
		verify(access, code(secret)).expectStatus().isOk();
		List<String> codes = new ArrayList<>();
		started.get("backupCodes").forEach((code) -> codes.add(code.asString()));
		return new Enrolled(email, tokens.get("user").get("id").asString(), secret, codes, tokens);
	}

	WebTestClient.ResponseSpec enable(String access) {
		return this.auth.post("/v1/auth/two-factor/enable", access, Map.of("password", AuthClient.PASSWORD));
	}

	WebTestClient.ResponseSpec verify(String access, String code) {
		return this.auth.post("/v1/auth/two-factor/verify", access, Map.of("code", code));
	}

	/** The TOTP code of the secret at the test clock's time. */
	String code(String base32Secret) {
		return codeAt(base32Secret, this.clock.instant());
	}

	/** A six-digit code that is none of the codes the gateway would accept now. */
	String wrongCode(String base32Secret) {
		Instant now = this.clock.instant();
		List<String> window = List.of(codeAt(base32Secret, now.minusSeconds(30)), codeAt(base32Secret, now),
				codeAt(base32Secret, now.plusSeconds(30)));
		int candidate = Integer.parseInt(window.get(1));
		String wrong;
		do {
			candidate = (candidate + 1) % 1_000_000;
			wrong = String.format(Locale.ROOT, "%06d", candidate);
		}
		while (window.contains(wrong));
		return wrong;
	}

	/**
	 * Moves the clock one step on and answers that step's code, fresh for the replay
	 * guard.
	 */
	String nextCode(String base32Secret) {
		this.clock.advance(Duration.ofSeconds(30));
		return code(base32Secret);
	}

	static String codeAt(String base32Secret, Instant instant) {
		try {
			return TOTP.generateOneTimePasswordString(
					new SecretKeySpec(new Base32().decode(base32Secret), TOTP.getAlgorithm()), instant, Locale.ROOT);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Signs in with the password and answers the challenge's body (mfaRequired, mfaToken,
	 * methods).
	 */
	JsonNode challenge(String email, Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", AuthClient.PASSWORD));
		body.putAll(extra);
		return signIn(body).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	String mfaToken(String email) {
		return challenge(email, Map.of("tokenDelivery", "body")).get("mfaToken").asString();
	}

	WebTestClient.ResponseSpec signIn(Map<String, Object> body) {
		return this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	WebTestClient.ResponseSpec complete(String mfaToken, String code) {
		return complete(this.http, mfaToken, code);
	}

	static WebTestClient.ResponseSpec complete(WebTestClient http, String mfaToken, String code) {
		return http.post()
			.uri("/v1/auth/sign-in/two-factor")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("mfaToken", mfaToken, "code", code))
			.exchange();
	}

	/** A full two-factor sign-in with body delivery; answers the token response. */
	JsonNode signedInWithCode(Enrolled user) {
		return complete(mfaToken(user.email()), nextCode(user.secret())).expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	WebTestClient.ResponseSpec stepUp(String access, Map<String, Object> body) {
		return this.auth.post("/v1/auth/step-up", access, body);
	}

	/**
	 * The claims of an access token (its signature is the gateway's business, tested
	 * elsewhere).
	 */
	static JsonNode claims(String accessToken) {
		String payload = accessToken.split("\\.")[1];
		return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
	}

	static List<String> amr(String accessToken) {
		List<String> amr = new ArrayList<>();
		claims(accessToken).get("amr").forEach((method) -> amr.add(method.asString()));
		return amr;
	}

	record Enrolled(String email, String userId, String secret, List<String> backupCodes, JsonNode tokens) {

		String access() {
			return this.tokens.get("accessToken").asString();
		}

	}

	static void assertTokenResponse(JsonNode body) {
		assertThat(body.get("accessToken").asString()).isNotBlank();
		assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
	}

}
