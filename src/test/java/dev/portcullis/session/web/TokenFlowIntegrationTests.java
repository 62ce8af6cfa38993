package dev.portcullis.session.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class TokenFlowIntegrationTests extends IntegrationTest {

	@Test
	void signUpThenSignInReturnsTokensAndTheSessionIsReadable() {
		AuthClient auth = new AuthClient(this.http);
		String email = AuthClient.uniqueEmail();
		JsonNode signedUp = auth.signUp(email);
		assertThat(signedUp.get("user").get("email").asString()).isEqualTo(email);
		assertThat(signedUp.get("user").get("emailVerified").asBoolean()).isFalse();

		JsonNode tokens = auth.signIn(email);
		assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
		assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
		assertThat(tokens.get("refreshToken").asString()).hasSize(43);
		assertThat(tokens.get("refreshExpiresIn").asLong()).isEqualTo(86_400L);

		auth.get("/v1/auth/session", tokens.get("accessToken").asString())
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.session.id")
			.isEqualTo(tokens.get("session").get("id").asString())
			.jsonPath("$.session.current")
			.isEqualTo(true)
			.jsonPath("$.user.email")
			.isEqualTo(email);
	}

	@Test
	void refreshRotatesTheTokenAndKeepsTheSession() {
		AuthClient auth = new AuthClient(this.http);
		JsonNode tokens = auth.newSignedInUser();
		JsonNode refreshed = auth.refresh(tokens.get("refreshToken").asString())
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(refreshed.get("refreshToken").asString()).isNotEqualTo(tokens.get("refreshToken").asString());
		assertThat(refreshed.get("session").get("id")).isEqualTo(tokens.get("session").get("id"));
	}

	@Test
	void signOutRevokesTheSessionForItsAccessToken() {
		AuthClient auth = new AuthClient(this.http);
		JsonNode tokens = auth.newSignedInUser();
		String access = tokens.get("accessToken").asString();
		auth.post("/v1/auth/sign-out", access, Map.of()).expectStatus().isNoContent();
		auth.get("/v1/auth/session", access)
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("session_revoked");
		auth.refresh(tokens.get("refreshToken").asString())
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("session_revoked");
	}

	@Test
	void signInWithWrongPasswordAnswersInvalidCredentials() {
		AuthClient auth = new AuthClient(this.http);
		String email = AuthClient.uniqueEmail();
		auth.signUp(email);
		this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", "wrong password entirely"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_credentials");
	}

}
