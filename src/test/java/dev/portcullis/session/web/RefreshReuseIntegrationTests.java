package dev.portcullis.session.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import dev.portcullis.support.Problems;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestDatabase;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshReuseIntegrationTests extends IntegrationTest {

	@Test
	void fiftyConcurrentRefreshesWithOneTokenAllGetTheSameSuccessor() {
		JsonNode tokens = auth().newSignedInUser();
		String parent = tokens.get("refreshToken").asString();
		WebClient client = WebClient.create(TestInfrastructure.get().issuer());

		List<Map<String, Object>> answers = Flux.fromStream(IntStream.range(0, 50).boxed())
			.flatMap((i) -> client.post()
				.uri("/v1/auth/refresh")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("refreshToken", parent))
				.retrieve()
				.<Map<String, Object>>bodyToMono(new org.springframework.core.ParameterizedTypeReference<>() {
				}), 50)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(answers).hasSize(50);
		assertThat(answers).extracting((answer) -> answer.get("refreshToken"))
			.containsOnly(answers.get(0).get("refreshToken"));
		assertThat(answers.get(0).get("refreshToken")).isNotEqualTo(parent);
		// The chain did not fork: the one successor rotates normally.
		auth().refresh((String) answers.get(0).get("refreshToken")).expectStatus().isOk();
	}

	@Test
	void repeatWithinGraceReturnsTheSameSuccessor() {
		JsonNode tokens = auth().newSignedInUser();
		String parent = tokens.get("refreshToken").asString();
		String first = refreshToken(auth().refresh(parent).expectStatus().isOk());
		this.clock.advance(Duration.ofSeconds(9));
		String second = refreshToken(auth().refresh(parent).expectStatus().isOk());
		assertThat(second).isEqualTo(first);
	}

	@Test
	void reuseAfterGraceRevokesTheChainAndRecordsTheEvent() {
		JsonNode tokens = auth().newSignedInUser();
		String parent = tokens.get("refreshToken").asString();
		String successor = refreshToken(auth().refresh(parent).expectStatus().isOk());
		this.clock.advance(Duration.ofSeconds(11));

		Problems.expectProblem(auth().refresh(parent), 401, "refresh_token_reused");
		Problems.expectProblem(auth().refresh(successor), 401, "session_revoked");
		Problems.expectProblem(auth().get("/v1/auth/session", tokens.get("accessToken").asString()), 401,
				"session_revoked");
		assertThat(eventCount(tokens.get("user").get("id").asString(), "refresh_token.reuse_detected")).isEqualTo(1);
	}

	@Test
	void unknownOrMalformedRefreshTokensAreInvalid() {
		Problems.expectProblem(auth().refresh("not-a-token"), 401, "invalid_refresh_token");
		Problems.expectProblem(auth().refresh("A".repeat(43)), 401, "invalid_refresh_token");
	}

	private static String refreshToken(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
		return spec.expectBody(JsonNode.class).returnResult().getResponseBody().get("refreshToken").asString();
	}

	private static long eventCount(String userId, String type) {
		return TestDatabase.get()
			.count("select count(*) from security_events where user_id = ?::uuid and type = ?", userId, type);
	}

}
