package dev.portcullis.mfa.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.portcullis.crypto.MasterKeys;
import dev.portcullis.crypto.SealedColumn;
import dev.portcullis.crypto.SecretBox;
import dev.portcullis.mfa.web.TwoFactorFixture.Enrolled;
import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestDatabase;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

class TwoFactorEnrollmentIntegrationTests extends IntegrationTest {

	private TwoFactorFixture twoFactor;

	@Autowired
	private SecretBox box;

	@Autowired
	private MasterKeys keys;

	@BeforeEach
	void fixture() {
		this.twoFactor = new TwoFactorFixture(this.http, this.clock);
	}

	@Test
	void enableAnswersASecretAnOtpauthUriAQrCodeOfItAndTenBackupCodes() throws Exception {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String access = auth().signIn(email).get("accessToken").asString();

		JsonNode started = body(this.twoFactor.enable(access).expectStatus().isOk());

		String secret = started.get("secret").asString();
		assertThat(new Base32().decode(secret)).hasSize(20);
		String uri = started.get("otpauthUri").asString();
		assertThat(uri).isEqualTo("otpauth://totp/Portcullis:" + email.replace("@", "%40") + "?secret=" + secret
				+ "&issuer=Portcullis&algorithm=SHA1&digits=6&period=30");
		assertThat(started.get("qrCode").asString()).startsWith("data:image/png;base64,");
		assertThat(decodeQr(started.get("qrCode").asString())).isEqualTo(uri);
		assertThat(started.get("backupCodes")).hasSize(10);
		// Pending: nothing changes until a code confirms the secret.
		assertThat(twoFactorEnabled(access)).isFalse();
		this.twoFactor.signIn(Map.of("email", email, "password", AuthClient.PASSWORD, "tokenDelivery", "body"))
			.expectBody()
			.jsonPath("$.accessToken")
			.exists();
	}

	@Test
	void verifyWithACodeComputedFromTheSecretTurnsTwoFactorOnRevokesOtherSessionsAndRecordsTheEvent() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode caller = auth().signIn(email);
		JsonNode other = auth().signIn(email);
		String access = caller.get("accessToken").asString();
		String secret = body(this.twoFactor.enable(access).expectStatus().isOk()).get("secret").asString();

		this.twoFactor.verify(access, this.twoFactor.code(secret))
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"twoFactorEnabled\": true}");

		assertThat(twoFactorEnabled(access)).isTrue();
		expectProblem(auth().get("/v1/auth/session", other.get("accessToken").asString()), 401, "session_revoked");
		assertThat(eventTypes(access)).contains("two_factor.enabled");
		assertThat(this.twoFactor.challenge(email, Map.of()).get("mfaRequired").asBoolean()).isTrue();
	}

	@Test
	void verifyRefusesAWrongCodeAndABackupCode() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String access = auth().signIn(email).get("accessToken").asString();
		JsonNode started = body(this.twoFactor.enable(access).expectStatus().isOk());
		expectProblem(this.twoFactor.verify(access, this.twoFactor.wrongCode(started.get("secret").asString())), 400,
				"invalid_code");
		expectProblem(this.twoFactor.verify(access, started.get("backupCodes").get(0).asString()), 400, "invalid_code");
		assertThat(twoFactorEnabled(access)).isFalse();
	}

	@Test
	void verifyWithoutAPendingEnrollmentAnswersNotPending() {
		JsonNode tokens = auth().newSignedInUser();
		expectProblem(this.twoFactor.verify(tokens.get("accessToken").asString(), "123456"), 409,
				"two_factor_not_pending");
		Enrolled enrolled = this.twoFactor.enrolled();
		expectProblem(this.twoFactor.verify(enrolled.access(), this.twoFactor.nextCode(enrolled.secret())), 409,
				"two_factor_not_pending");
	}

	@Test
	void enableRefusesAWrongPasswordAndAnAlreadyEnabledAccount() {
		JsonNode tokens = auth().newSignedInUser();
		expectProblem(auth().post("/v1/auth/two-factor/enable", tokens.get("accessToken").asString(),
				Map.of("password", "not the password")), 401, "invalid_credentials");

		Enrolled enrolled = this.twoFactor.enrolled();
		expectProblem(this.twoFactor.enable(enrolled.access()), 409, "two_factor_already_enabled");
	}

	@Test
	void aSecondEnableReplacesThePendingSecretAndItsBackupCodes() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String access = auth().signIn(email).get("accessToken").asString();
		String first = body(this.twoFactor.enable(access).expectStatus().isOk()).get("secret").asString();
		String second = body(this.twoFactor.enable(access).expectStatus().isOk()).get("secret").asString();
		assertThat(second).isNotEqualTo(first);

		expectProblem(this.twoFactor.verify(access, this.twoFactor.code(first)), 400, "invalid_code");
		this.twoFactor.verify(access, this.twoFactor.nextCode(second)).expectStatus().isOk();
	}

	@Test
	void theDatabaseHoldsOnlyCiphertextOfTheSecretAndHashesOfTheBackupCodes() {
		Enrolled enrolled = this.twoFactor.enrolled();
		byte[] raw = new Base32().decode(enrolled.secret());
		{
			String stored = single("select secret from two_factor_secrets where user_id = ?", enrolled.userId());
			assertThat(stored).startsWith("v2:" + this.keys.activeId() + ":");
			assertThat(stored).doesNotContain(enrolled.secret());
			assertThat(stored).doesNotContainIgnoringCase(java.util.HexFormat.of().formatHex(raw));
			assertThat(stored).doesNotContain(Base64.getEncoder().encodeToString(raw));
			assertThat(java.util.Collections.indexOfSubList(bytes(Base64.getDecoder().decode(stored.split(":")[2])),
					bytes(raw)))
				.isEqualTo(-1);
			// … and it is the secret, sealed under the master key for this user's row.
			assertThat(this.box.open(new SealedColumn("two_factor_secrets", "secret", "user_id", "uuid", "totp-secret"),
					UUID.fromString(enrolled.userId()), stored))
				.isEqualTo(raw);

			List<String> hashes = TestDatabase.get()
				.values(String.class, "select encode(code_hash, 'escape') from backup_codes where user_id = ?",
						UUID.fromString(enrolled.userId()));
			assertThat(hashes).hasSize(10);
			for (String code : enrolled.backupCodes()) {
				assertThat(hashes).noneMatch((hash) -> hash.contains(code) || hash.contains(code.replace("-", "")));
			}
		}
	}

	@Test
	void disableNeedsAFreshAuthenticationWithACodeThenARightCode() {
		Enrolled enrolled = this.twoFactor.enrolled();
		JsonNode other = this.twoFactor.signedInWithCode(enrolled);
		// The enrolling session authenticated with the password only.
		expectProblem(auth().post("/v1/auth/two-factor/disable", enrolled.access(),
				Map.of("code", this.twoFactor.nextCode(enrolled.secret()))), 403, "step_up_required");

		String fresh = body(this.twoFactor
			.stepUp(enrolled.access(),
					Map.of("password", AuthClient.PASSWORD, "code", this.twoFactor.nextCode(enrolled.secret())))
			.expectStatus()
			.isOk()).get("accessToken").asString();
		expectProblem(auth().post("/v1/auth/two-factor/disable", fresh,
				Map.of("code", this.twoFactor.wrongCode(enrolled.secret()))), 400, "invalid_code");
		auth().post("/v1/auth/two-factor/disable", fresh, Map.of("code", this.twoFactor.nextCode(enrolled.secret())))
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"twoFactorEnabled\": false}");

		assertThat(twoFactorEnabled(fresh)).isFalse();
		assertThat(eventTypes(fresh)).contains("two_factor.disabled");
		expectProblem(auth().get("/v1/auth/session", other.get("accessToken").asString()), 401, "session_revoked");
		// The password alone signs in again.
		auth().signIn(enrolled.email());
	}

	@Test
	void disableAcceptsABackupCode() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String fresh = this.twoFactor.signedInWithCode(enrolled).get("accessToken").asString();
		auth().post("/v1/auth/two-factor/disable", fresh, Map.of("code", enrolled.backupCodes().get(3)))
			.expectStatus()
			.isOk();
		assertThat(twoFactorEnabled(fresh)).isFalse();
	}

	@Test
	void disableWithoutTwoFactorAnswersInvalidCode() {
		JsonNode tokens = auth().newSignedInUser();
		expectProblem(auth().post("/v1/auth/two-factor/disable", tokens.get("accessToken").asString(),
				Map.of("code", "123456")), 400, "invalid_code");
	}

	@Test
	void regeneratingBackupCodesVoidsTheOldSet() {
		Enrolled enrolled = this.twoFactor.enrolled();
		expectProblem(auth().post("/v1/auth/two-factor/backup-codes", enrolled.access(),
				Map.of("code", this.twoFactor.nextCode(enrolled.secret()))), 403, "step_up_required");
		String fresh = this.twoFactor.signedInWithCode(enrolled).get("accessToken").asString();
		expectProblem(auth().post("/v1/auth/two-factor/backup-codes", fresh,
				Map.of("code", this.twoFactor.wrongCode(enrolled.secret()))), 400, "invalid_code");

		JsonNode renewed = body(auth()
			.post("/v1/auth/two-factor/backup-codes", fresh, Map.of("code", this.twoFactor.nextCode(enrolled.secret())))
			.expectStatus()
			.isOk());

		assertThat(renewed.get("backupCodes")).hasSize(10);
		expectProblem(this.twoFactor.complete(this.twoFactor.mfaToken(enrolled.email()), enrolled.backupCodes().get(0)),
				401, "invalid_code");
		this.twoFactor.complete(this.twoFactor.mfaToken(enrolled.email()), renewed.get("backupCodes").get(0).asString())
			.expectStatus()
			.isOk();
		assertThat(eventTypes(fresh)).contains("two_factor.backup_codes_regenerated", "two_factor.backup_code_used");
	}

	@Test
	void adminResetDeletesTheSecretAndTheBackupCodes() {
		Enrolled enrolled = this.twoFactor.enrolled();
		String admin = signedInAdmin();

		auth().post("/v1/admin/users/" + enrolled.userId() + "/two-factor/reset", admin, Map.of())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.twoFactorEnabled")
			.isEqualTo(false);

		assertThat(single("select count(*) from two_factor_secrets where user_id = ?", enrolled.userId()))
			.isEqualTo("0");
		assertThat(single("select count(*) from backup_codes where user_id = ?", enrolled.userId())).isEqualTo("0");
		expectProblem(auth().get("/v1/auth/session", enrolled.access()), 401, "session_revoked");
		auth().signIn(enrolled.email());
	}

	@Test
	void theOpenApiDescriptionDocumentsTheTwoFactorEndpoints() {
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/v1/auth/two-factor/enable'].post.responses['409']")
			.exists()
			.jsonPath("$.paths['/v1/auth/two-factor/verify'].post.responses['409']")
			.exists()
			.jsonPath("$.paths['/v1/auth/two-factor/disable'].post.responses['403']")
			.exists()
			.jsonPath("$.paths['/v1/auth/two-factor/backup-codes'].post.responses['400']")
			.exists()
			.jsonPath("$.paths['/v1/auth/sign-in/two-factor'].post.responses['401']")
			.exists()
			.jsonPath("$.paths['/v1/auth/step-up'].post.security[0].bearer")
			.exists();
	}

	private String signedInAdmin() {
		return auth().newSignedInAdmin().get("accessToken").asString();
	}

	private boolean twoFactorEnabled(String access) {
		return body(auth().get("/v1/auth/session", access).expectStatus().isOk()).get("user")
			.get("twoFactorEnabled")
			.asBoolean();
	}

	private List<String> eventTypes(String access) {
		List<String> types = new ArrayList<>();
		body(auth().get("/v1/auth/security-events", access).expectStatus().isOk()).get("events")
			.forEach((event) -> types.add(event.get("type").asString()));
		return types;
	}

	private static String single(String sql, String userId) {
		String value = TestDatabase.get()
			.value(String.class, sql.replace("count(*)", "count(*)::text"), UUID.fromString(userId));
		assertThat(value).isNotNull();
		return value;
	}

	static String decodeQr(String dataUri) throws IOException, NotFoundException, ChecksumException, FormatException {
		byte[] png = Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image).isNotNull();
		return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
			.getText();
	}

	private static List<Byte> bytes(byte[] values) {
		List<Byte> list = new ArrayList<>(values.length);
		for (byte value : values) {
			list.add(value);
		}
		return list;
	}

	private static JsonNode body(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
		return response.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

}
