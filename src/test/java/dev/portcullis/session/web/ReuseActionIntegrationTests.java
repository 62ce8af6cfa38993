package dev.portcullis.session.web;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.portcullis.support.Problems;
import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;

/**
 * With {@code reuse-action=revoke-all-sessions}, reuse ends every session of the user.
 */
class ReuseActionIntegrationTests extends IntegrationTest {

	@Test
	void reuseRevokesEverySessionOfTheUserWhenConfigured() {
		try (SecondInstance strict = SecondInstance.start(Map.of("portcullis.refresh.reuse-action",
				"revoke-all-sessions", "portcullis.refresh.reuse-grace", "0s"))) {
			AuthClient there = new AuthClient(strict.http());
			String email = AuthClient.uniqueEmail();
			there.signUp(email);
			JsonNode laptop = there.signIn(email);
			JsonNode phone = there.signIn(email);
			String parent = laptop.get("refreshToken").asString();
			there.refresh(parent).expectStatus().isOk();
			// past the (zero) grace: the clock stands still unless moved
			this.clock.advance(Duration.ofSeconds(1));

			Problems.expectProblem(there.refresh(parent), 401, "refresh_token_reused");

			Problems.expectProblem(there.get("/v1/auth/session", phone.get("accessToken").asString()), 401,
					"session_revoked");
			there.refresh(phone.get("refreshToken").asString()).expectStatus().isUnauthorized();
		}
	}

}
