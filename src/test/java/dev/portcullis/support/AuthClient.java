package dev.portcullis.support;

import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Drives the gateway over HTTP the way a client would, for tests: sign up a fresh user,
 * sign in with body delivery, refresh. Each call asserts only that it succeeded.
 */
public final class AuthClient {

	public static final String PASSWORD = "correct horse battery staple";

	private final WebTestClient http;

	public AuthClient(WebTestClient http) {
		this.http = http;
	}

	/** A unique email, so tests sharing one database never collide. */
	public static String uniqueEmail() {
		return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
	}

	public JsonNode signUp(String email) {
		return this.http.post()
			.uri("/v1/auth/sign-up")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", PASSWORD, "name", "Test User"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Signs up and marks the address verified, as following the link would: security
	 * mails go only to verified addresses.
	 */
	public JsonNode signUpVerified(String email) {
		JsonNode body = signUp(email);
		markVerified(java.util.UUID.fromString(body.get("user").get("id").asString()));
		return body;
	}

	public static void markVerified(java.util.UUID userId) {
		try (java.sql.Connection connection = TestInfrastructure.get().connect();
				java.sql.PreparedStatement update = connection
					.prepareStatement("update users set email_verified = true where id = ?")) {
			update.setObject(1, userId);
			update.executeUpdate();
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Signs in with body delivery and answers the token response. */
	public JsonNode signIn(String email) {
		return signIn(email, Map.of());
	}

	public JsonNode signIn(String email, Map<String, Object> extra) {
		return signIn(email, extra, null);
	}

	/** Signs in with body delivery from a browser with this {@code User-Agent}. */
	public JsonNode signInFrom(String email, String userAgent) {
		return signIn(email, Map.of(), userAgent);
	}

	/** A null agent leaves the client's own {@code User-Agent}. */
	private JsonNode signIn(String email, Map<String, Object> extra, String userAgent) {
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("email", email, "password", PASSWORD, "tokenDelivery", "body"));
		body.putAll(extra);
		return this.http.post().uri("/v1/auth/sign-in").headers((headers) -> {
			if (userAgent != null) {
				headers.set("User-Agent", userAgent);
			}
		})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** A new user, signed in with body delivery. */
	public JsonNode newSignedInUser() {
		String email = uniqueEmail();
		signUp(email);
		return signIn(email);
	}

	/**
	 * A new user with the admin role, signed in with body delivery (roles are read at
	 * sign-in, so the role is granted in the database between sign-up and sign-in).
	 */
	public JsonNode newSignedInAdmin() {
		String email = uniqueEmail();
		JsonNode user = signUp(email);
		TestDatabase.get().promoteToAdmin(UUID.fromString(user.get("user").get("id").asString()));
		return signIn(email);
	}

	public WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.http.post()
			.uri("/v1/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", refreshToken))
			.exchange();
	}

	public WebTestClient.ResponseSpec get(String path, String accessToken) {
		return this.http.get().uri(path).headers((headers) -> headers.setBearerAuth(accessToken)).exchange();
	}

	public WebTestClient.ResponseSpec delete(String path, String accessToken) {
		return this.http.delete().uri(path).headers((headers) -> headers.setBearerAuth(accessToken)).exchange();
	}

	/** A successful refresh's token response. */
	public JsonNode refreshed(String refreshToken) {
		return refresh(refreshToken).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	public WebTestClient.ResponseSpec post(String path, String accessToken, Object body) {
		return this.http.post()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(accessToken))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
