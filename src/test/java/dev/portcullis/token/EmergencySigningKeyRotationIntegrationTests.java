package dev.portcullis.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.Problems;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/admin/signing-keys/rotate} on one of two instances sharing a database
 * of their own (their signing keys change for every instance on it): a new key signs at
 * once on both, and a retired key's tokens fail on both and leave both JWKS.
 */
class EmergencySigningKeyRotationIntegrationTests {

	static final String DATABASE = "signingkeys";

	static SecondInstance first;

	static SecondInstance second;

	@BeforeAll
	static void startTwoInstances() {
		Map<String, String> database = new HashMap<>(TestInfrastructure.get().separateDatabase(DATABASE));
		first = SecondInstance.start(database);
		second = SecondInstance.start(database);
	}

	@AfterAll
	static void stopInstances() {
		second.close();
		first.close();
	}

	@Test
	void retiringTheSigningKeyFailsItsTokensOnEveryInstanceAndTheNewKeySignsAtOnce() throws Exception {
		AuthClient onFirst = new AuthClient(first.http());
		AuthClient onSecond = new AuthClient(second.http());
		String admin = signedInAdmin(onFirst);
		String user = onFirst.newSignedInUser().get("accessToken").asString();
		String compromised = kid(user);
		onFirst.get("/v1/auth/sessions", user).expectStatus().isOk();
		onSecond.get("/v1/auth/sessions", user).expectStatus().isOk();

		JsonNode rotated = onFirst.post("/v1/admin/signing-keys/rotate", admin, Map.of("retireKid", compromised))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		String fresh = rotated.get("kid").asString();
		assertThat(fresh).isNotEqualTo(compromised);
		assertThat(rotated.get("retiredKid").asString()).isEqualTo(compromised);
		// The instance that rotated refuses the retired key's tokens at once (even one it
		// verified a moment ago), the other as soon as the message arrives.
		Problems.expectProblem(onFirst.get("/v1/auth/sessions", user), 401, "invalid_token");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> Problems.expectProblem(onSecond.get("/v1/auth/sessions", user), 401, "invalid_token"));
		assertThat(publishedKids(first.http())).contains(fresh).doesNotContain(compromised);
		assertThat(publishedKids(second.http())).contains(fresh).doesNotContain(compromised);
		// Both sign with the new key from now on, and each accepts the other's tokens.
		String fromSecond = onSecond.newSignedInUser().get("accessToken").asString();
		String fromFirst = onFirst.newSignedInUser().get("accessToken").asString();
		assertThat(List.of(kid(fromFirst), kid(fromSecond))).containsOnly(fresh);
		onFirst.get("/v1/auth/sessions", fromSecond).expectStatus().isOk();
		onSecond.get("/v1/auth/sessions", fromFirst).expectStatus().isOk();
		// The event names who rotated, the new key and the retired one.
		String newAdmin = onSecond.signIn(adminEmail).get("accessToken").asString();
		JsonNode events = onSecond.get("/v1/admin/security-events?type=signing_key.rotated", newAdmin)
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("events");
		assertThat(events.valueStream().map((event) -> event.get("details"))).anySatisfy((details) -> {
			assertThat(details.get("actorId").asString()).isEqualTo(this.adminId);
			assertThat(details.get("kid").asString()).isEqualTo(fresh);
			assertThat(details.get("retiredKid").asString()).isEqualTo(compromised);
		});
	}

	@Test
	void aRotationWithoutRetirementKeepsTheOldKeyPublishedAndItsTokensValid() throws Exception {
		AuthClient onFirst = new AuthClient(first.http());
		String admin = signedInAdmin(onFirst);
		String user = onFirst.newSignedInUser().get("accessToken").asString();

		JsonNode rotated = onFirst.post("/v1/admin/signing-keys/rotate", admin, Map.of())
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(rotated.get("retiredKid").isNull()).isTrue();
		assertThat(publishedKids(first.http())).contains(kid(user), rotated.get("kid").asString());
		new AuthClient(second.http()).get("/v1/auth/sessions", user).expectStatus().isOk();
		assertThat(kid(onFirst.newSignedInUser().get("accessToken").asString()))
			.isEqualTo(rotated.get("kid").asString());
	}

	@Test
	void anUnknownKidIsNotFoundAndRotatesNothing() throws Exception {
		AuthClient onFirst = new AuthClient(first.http());
		String admin = signedInAdmin(onFirst);
		List<String> before = publishedKids(first.http());

		Problems.expectProblem(onFirst.post("/v1/admin/signing-keys/rotate", admin, Map.of("retireKid", "no-such-kid")),
				404, "signing_key_not_found");

		assertThat(publishedKids(first.http())).isEqualTo(before);
	}

	@Test
	void onlyAnAdminMayRotate() {
		AuthClient onFirst = new AuthClient(first.http());
		String user = onFirst.newSignedInUser().get("accessToken").asString();

		Problems.expectProblem(onFirst.post("/v1/admin/signing-keys/rotate", user, Map.of()), 403, "forbidden");
		Problems.expectProblem(first.http().post().uri("/v1/admin/signing-keys/rotate").exchange(), 401,
				"unauthenticated");
	}

	String adminEmail;

	String adminId;

	private String signedInAdmin(AuthClient auth) throws SQLException {
		this.adminEmail = AuthClient.uniqueEmail();
		this.adminId = auth.signUp(this.adminEmail).get("user").get("id").asString();
		try (Connection db = TestInfrastructure.get().connect(DATABASE);
				PreparedStatement update = db
					.prepareStatement("update users set roles = '{user,admin}' where id = ?")) {
			update.setObject(1, UUID.fromString(this.adminId));
			update.executeUpdate();
		}
		return auth.signIn(this.adminEmail).get("accessToken").asString();
	}

	private static List<String> publishedKids(WebTestClient http) {
		JsonNode jwks = http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return jwks.get("keys").valueStream().map((key) -> key.get("kid").asString()).toList();
	}

	private static String kid(String token) throws ParseException {
		return SignedJWT.parse(token).getHeader().getKeyID();
	}

}
