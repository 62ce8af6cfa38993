package dev.portcullis.admin.web;

import java.util.Locale;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

class AdminIntegrationTests extends IntegrationTest {

	@Test
	void everyAdminEndpointAnswersUnauthenticatedWithoutAToken() {
		String user = UUID.randomUUID().toString();
		for (String path : new String[] { "/v1/admin/users?email=a", "/v1/admin/users/" + user + "/sessions",
				"/v1/admin/security-events" }) {
			expectCode(this.http.get().uri(path).exchange(), 401, "unauthenticated");
		}
		for (String path : new String[] { "/revoke-sessions", "/unlock", "/two-factor/reset" }) {
			expectCode(this.http.post().uri("/v1/admin/users/" + user + path).exchange(), 401, "unauthenticated");
		}
	}

	@Test
	void everyAdminEndpointAnswersForbiddenToNonAdmins() {
		JsonNode tokens = auth().newSignedInUser();
		String user = userId(tokens);
		for (String path : new String[] { "/v1/admin/users?email=a", "/v1/admin/users/" + user + "/sessions",
				"/v1/admin/security-events" }) {
			expectCode(auth().get(path, access(tokens)), 403, "forbidden");
		}
		for (String path : new String[] { "/revoke-sessions", "/unlock", "/two-factor/reset" }) {
			expectCode(auth().post("/v1/admin/users/" + user + path, access(tokens), Map.of()), 403, "forbidden");
		}
	}

	@Test
	void searchFindsUsersByExactEmailOrPrefix() {
		JsonNode admin = signedInAdmin();
		String prefix = "search-" + UUID.randomUUID().toString().substring(0, 8);
		auth().signUp(prefix + "-a@example.com");
		auth().signUp(prefix + "-b@example.com");

		JsonNode exact = auth().get("/v1/admin/users?email=" + prefix + "-a@example.com", access(admin))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(exact.get("users")).hasSize(1);
		assertThat(exact.get("users").get(0).get("email").asString()).isEqualTo(prefix + "-a@example.com");
		assertThat(exact.get("users").get(0).get("roles").get(0).asString()).isEqualTo("user");

		auth().get("/v1/admin/users?email=" + prefix.toUpperCase(Locale.ROOT), access(admin))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.users.length()")
			.isEqualTo(2);
	}

	@Test
	void listsAUsersActiveSessions() {
		JsonNode admin = signedInAdmin();
		JsonNode target = auth().newSignedInUser();
		auth().get("/v1/admin/users/" + userId(target) + "/sessions", access(admin))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sessions.length()")
			.isEqualTo(1)
			.jsonPath("$.sessions[0].id")
			.isEqualTo(target.get("session").get("id").asString())
			.jsonPath("$.sessions[0].current")
			.isEqualTo(false);
	}

	@Test
	void unknownOrMalformedUserAnswersUserNotFound() {
		JsonNode admin = signedInAdmin();
		for (String user : new String[] { UUID.randomUUID().toString(), "not-an-id" }) {
			expectCode(auth().get("/v1/admin/users/" + user + "/sessions", access(admin)), 404, "user_not_found");
			for (String path : new String[] { "/revoke-sessions", "/unlock", "/two-factor/reset" }) {
				expectCode(auth().post("/v1/admin/users/" + user + path, access(admin), Map.of()), 404,
						"user_not_found");
			}
		}
	}

	@Test
	void forceLogoutStopsEveryTokenOfTheUserOnEveryInstanceAndIsRecordedUnderTheTarget() {
		try (SecondInstance second = SecondInstance.start(Map.of())) {
			AuthClient there = new AuthClient(second.http());
			JsonNode admin = signedInAdmin();
			String email = AuthClient.uniqueEmail();
			auth().signUp(email);
			JsonNode phone = auth().signIn(email);
			JsonNode laptop = auth().signIn(email);
			there.get("/v1/auth/session", access(phone)).expectStatus().isOk();

			auth().post("/v1/admin/users/" + userId(phone) + "/revoke-sessions", access(admin), Map.of())
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.revoked")
				.isEqualTo(2);

			expectCode(there.get("/v1/auth/session", access(phone)), 401, "session_revoked");
			expectCode(there.get("/v1/auth/session", access(laptop)), 401, "session_revoked");
			expectCode(auth().refresh(laptop.get("refreshToken").asString()), 401, "session_revoked");
			JsonNode event = events(admin, "?userId=" + userId(phone) + "&type=admin.sessions_revoked").get(0);
			assertThat(event.get("userId").asString()).isEqualTo(userId(phone));
			assertThat(event.get("details").get("actorId").asString()).isEqualTo(userId(admin));
			assertThat(event.get("details").get("revoked").asInt()).isEqualTo(2);
		}
	}

	@Test
	void stateChangesNeedAFreshAuthentication() {
		JsonNode admin = signedInAdmin();
		JsonNode target = auth().newSignedInUser();
		this.clock.advance(Duration.ofMinutes(11));
		JsonNode stale = auth().refreshed(admin.get("refreshToken").asString());

		for (String path : new String[] { "/revoke-sessions", "/unlock", "/two-factor/reset" }) {
			expectCode(auth().post("/v1/admin/users/" + userId(target) + path, access(stale), Map.of()), 403,
					"step_up_required");
		}
		// Reads need no step-up.
		auth().get("/v1/admin/users/" + userId(target) + "/sessions", access(stale)).expectStatus().isOk();
		this.clock.reset();
		auth().get("/v1/auth/session", access(target)).expectStatus().isOk();
	}

	@Test
	void adminWithTwoFactorNeedsAnOtpInTheTokenForStateChanges() throws SQLException {
		JsonNode admin = signedInAdmin();
		JsonNode target = auth().newSignedInUser();
		execute("update users set two_factor_enabled = true where id = ?", UUID.fromString(userId(admin)));

		expectCode(auth().post("/v1/admin/users/" + userId(target) + "/unlock", access(admin), Map.of()), 403,
				"step_up_required");
	}

	@Test
	void unlockClearsTheLockAndRecordsAccountUnlocked() throws SQLException {
		JsonNode admin = signedInAdmin();
		JsonNode target = auth().newSignedInUser();
		UUID targetId = UUID.fromString(userId(target));
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement lock = db
					.prepareStatement("update users set failed_attempts = 5, locked_until = ? where id = ?")) {
			lock.setTimestamp(1, Timestamp.from(Instant.now().plus(Duration.ofMinutes(15))));
			lock.setObject(2, targetId);
			lock.executeUpdate();
		}

		auth().post("/v1/admin/users/" + targetId + "/unlock", access(admin), Map.of())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.id")
			.isEqualTo(targetId.toString());

		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement read = db
					.prepareStatement("select failed_attempts, locked_until from users where id = ?")) {
			read.setObject(1, targetId);
			ResultSet row = read.executeQuery();
			row.next();
			assertThat(row.getInt(1)).isZero();
			assertThat(row.getTimestamp(2)).isNull();
		}
		JsonNode event = events(admin, "?userId=" + targetId + "&type=account.unlocked").get(0);
		assertThat(event.get("details").get("actorId").asString()).isEqualTo(userId(admin));
	}

	@Test
	void twoFactorResetTurnsItOffEndsTheUsersSessionsAndRecordsTwoFactorDisabled() throws SQLException {
		JsonNode admin = signedInAdmin();
		JsonNode target = auth().newSignedInUser();
		UUID targetId = UUID.fromString(userId(target));
		execute("update users set two_factor_enabled = true where id = ?", targetId);

		auth().post("/v1/admin/users/" + targetId + "/two-factor/reset", access(admin), Map.of())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.twoFactorEnabled")
			.isEqualTo(false);

		expectCode(auth().get("/v1/auth/session", access(target)), 401, "session_revoked");
		JsonNode event = events(admin, "?userId=" + targetId + "&type=two_factor.disabled").get(0);
		assertThat(event.get("details").get("actorId").asString()).isEqualTo(userId(admin));
	}

	@Test
	void securityEventsFilterByUserAndType() {
		JsonNode admin = signedInAdmin();
		JsonNode target = auth().newSignedInUser();
		JsonNode events = events(admin, "?userId=" + userId(target));
		assertThat(events).hasSize(2);
		events.forEach((event) -> assertThat(event.get("userId").asString()).isEqualTo(userId(target)));
		assertThat(events(admin, "?userId=" + userId(target) + "&type=session.created")).hasSize(1);
		auth().get("/v1/admin/security-events?userId=nope", access(admin))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("userId");
	}

	/**
	 * A new user made admin in the database (roles are read at sign-in), then signed in.
	 */
	private JsonNode signedInAdmin() {
		String email = AuthClient.uniqueEmail();
		JsonNode user = auth().signUp(email);
		try {
			execute("update users set roles = '{user,admin}' where id = ?",
					UUID.fromString(user.get("user").get("id").asString()));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return auth().signIn(email);
	}

	private JsonNode events(JsonNode admin, String query) {
		return auth().get("/v1/admin/security-events" + query, access(admin))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("events");
	}

	private static void execute(String sql, UUID id) throws SQLException {
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement statement = db.prepareStatement(sql)) {
			statement.setObject(1, id);
			assertThat(statement.executeUpdate()).isEqualTo(1);
		}
	}

	private static void expectCode(WebTestClient.ResponseSpec response, int status, String code) {
		response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
	}

	private static String access(JsonNode tokens) {
		return tokens.get("accessToken").asString();
	}

	private static String userId(JsonNode tokens) {
		return tokens.get("user").get("id").asString();
	}

}
