package dev.portcullis.ratelimit;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static dev.portcullis.support.Problems.expectProblem;

/**
 * Limits on abuse paths that cost the gateway work: {@code /password/change} (an Argon2
 * hash per guess) and failed refreshes (replays that revoke and record). An instance of
 * its own, with small limits and its own key prefix.
 */
class FailureLimitsIntegrationTests {

	private static SecondInstance instance;

	private static AuthClient auth;

	@BeforeAll
	static void start() {
		instance = SecondInstance
			.start(Map.of("portcullis.redis-prefix", TestInfrastructure.get().redisPrefix() + "-failure-limits",
					"portcullis.rate-limit.password-change.per-account", "3/10m",
					"portcullis.rate-limit.refresh-failures.per-ip", "3/10m"));
		auth = new AuthClient(instance.http());
	}

	@AfterAll
	static void stop() {
		instance.close();
	}

	@Test
	void passwordChangeIsLimitedPerAccount() {
		JsonNode caller = auth.newSignedInUser();
		String access = caller.get("accessToken").asString();
		Map<String, String> wrong = Map.of("currentPassword", "not my password", "newPassword",
				"another long passphrase 9");
		for (int attempt = 0; attempt < 3; attempt++) {
			expectProblem(auth.post("/v1/auth/password/change", access, wrong), 401, "invalid_credentials");
		}

		expectProblem(auth.post("/v1/auth/password/change", access, wrong), 429, "rate_limited").jsonPath("$.code")
			.isEqualTo("rate_limited");
		auth.post("/v1/auth/password/change", access, wrong).expectHeader().exists("Retry-After");
	}

	@Test
	void failedRefreshesAreLimitedPerAddress() {
		JsonNode live = auth.newSignedInUser();
		for (int attempt = 0; attempt < 3; attempt++) {
			expectProblem(auth.refresh("not-a-refresh-token-" + attempt), 401, "invalid_refresh_token");
		}

		expectProblem(auth.refresh("not-a-refresh-token"), 429, "rate_limited");
		expectProblem(auth.refresh(live.get("refreshToken").asString()), 429, "rate_limited");
		auth.refresh("another").expectHeader().exists("Retry-After");
	}

}
