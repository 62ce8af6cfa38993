package dev.portcullis.session.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lifetimes with defaults expires-in 24h, update-age 1h, remember-me 30d, absolute 90d.
 */
class SessionLifetimeIntegrationTests extends IntegrationTest {

	@Test
	void sessionNotRefreshedWithinExpiresInAnswersSessionExpired() {
		JsonNode tokens = auth().newSignedInUser();
		this.clock.advance(Duration.ofHours(24).plusSeconds(1));
		expectCode(auth().refresh(refreshToken(tokens)), "session_expired");
	}

	@Test
	void sessionIsStillRefreshableJustBeforeItExpires() {
		JsonNode tokens = auth().newSignedInUser();
		this.clock.advance(Duration.ofHours(24).minusSeconds(5));
		auth().refreshed(refreshToken(tokens));
	}

	@Test
	void refreshBeforeUpdateAgeKeepsTheExpiryAndReportsTheRemainingLifetime() {
		JsonNode tokens = auth().newSignedInUser();
		Instant expiresAt = expiresAt(tokens);
		this.clock.advance(Duration.ofMinutes(30));

		JsonNode refreshed = auth().refreshed(refreshToken(tokens));

		assertThat(expiresAt(refreshed)).isEqualTo(expiresAt);
		assertThat(refreshed.get("refreshExpiresIn").asLong()).isEqualTo(Duration.ofMinutes(23 * 60 + 30).toSeconds());
	}

	@Test
	void refreshAfterUpdateAgeSlidesTheExpiry() {
		JsonNode tokens = auth().newSignedInUser();
		this.clock.advance(Duration.ofMinutes(61));

		JsonNode refreshed = auth().refreshed(refreshToken(tokens));

		assertThat(expiresAt(refreshed)).isEqualTo(MutableClock.START.plus(Duration.ofMinutes(61 + 24 * 60)));
		assertThat(refreshed.get("refreshExpiresIn").asLong()).isEqualTo(Duration.ofHours(24).toSeconds());
	}

	@Test
	void slidingKeepsAnActiveSessionAliveBeyondItsFirstExpiry() {
		JsonNode tokens = auth().newSignedInUser();
		for (int day = 0; day < 3; day++) {
			this.clock.advance(Duration.ofHours(20));
			tokens = auth().refreshed(refreshToken(tokens));
		}
		assertThat(expiresAt(tokens)).isEqualTo(MutableClock.START.plus(Duration.ofHours(3 * 20 + 24)));
	}

	@Test
	void refreshMovesLastActiveAt() {
		JsonNode tokens = auth().newSignedInUser();
		this.clock.advance(Duration.ofMinutes(10));
		JsonNode refreshed = auth().refreshed(refreshToken(tokens));
		JsonNode session = auth().get("/v1/auth/session", refreshed.get("accessToken").asString())
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("session");
		assertThat(Instant.parse(session.get("createdAt").asString())).isEqualTo(MutableClock.START);
		assertThat(Instant.parse(session.get("lastActiveAt").asString()))
			.isEqualTo(MutableClock.START.plus(Duration.ofMinutes(10)));
	}

	@Test
	void rememberMeSessionLastsThirtyDays() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode tokens = auth().signIn(email, Map.of("rememberMe", true));
		assertThat(tokens.get("refreshExpiresIn").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());

		this.clock.advance(Duration.ofDays(29));
		JsonNode refreshed = auth().refreshed(refreshToken(tokens));
		assertThat(refreshed.get("refreshExpiresIn").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
	}

	@Test
	void slidingNeverPassesTheAbsoluteLifetimeAndTheCapEndsTheSessionEverywhere() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		JsonNode tokens = auth().signIn(email, Map.of("rememberMe", true));
		Instant cap = MutableClock.START.plus(Duration.ofDays(90));
		assertThat(expiresAt(tokens)).isEqualTo(MutableClock.START.plus(Duration.ofDays(30)));
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofDays(29));
			tokens = auth().refreshed(refreshToken(tokens));
		}
		// Day 87: sliding would reach day 117, the cap holds it at day 90.
		assertThat(expiresAt(tokens)).isEqualTo(cap);

		this.clock.advance(Duration.ofDays(3).minusMinutes(5));
		tokens = auth().refreshed(refreshToken(tokens));
		assertThat(expiresAt(tokens)).isEqualTo(cap);
		assertThat(tokens.get("refreshExpiresIn").asLong()).isEqualTo(300L);

		// The access token outlives its session by a few minutes, but the session check
		// wins.
		this.clock.advance(Duration.ofMinutes(6));
		expectCode(auth().get("/v1/auth/sessions", tokens.get("accessToken").asString()), "session_expired");
		expectCode(auth().refresh(refreshToken(tokens)), "session_expired");
	}

	private static String refreshToken(JsonNode tokens) {
		return tokens.get("refreshToken").asString();
	}

	private static Instant expiresAt(JsonNode tokens) {
		return Instant.parse(tokens.get("session").get("expiresAt").asString());
	}

	private static void expectCode(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response,
			String code) {
		response.expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo(code);
	}

}
