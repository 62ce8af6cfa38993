package dev.portcullis.session;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class SessionMetricsIntegrationTests extends IntegrationTest {

	@Autowired
	private SessionSweeper sweeper;

	@Test
	void prometheusShowsSessionGaugeCountersAndDurationHistogram() {
		JsonNode revoked = auth().newSignedInUser();
		auth().refreshed(revoked.get("refreshToken").asString());
		auth().post("/v1/auth/sign-out", revoked.get("accessToken").asString(), Map.of()).expectStatus().isNoContent();
		auth().newSignedInUser();
		this.clock.advance(Duration.ofHours(25));
		this.sweeper.sweep().block(Duration.ofSeconds(30));

		String scrape = management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(scrape).contains("portcullis_sessions_active ")
			.contains("portcullis_sessions_started_total")
			.contains("portcullis_sessions_refreshed_total")
			.contains("portcullis_sessions_revoked_total")
			.contains("portcullis_sessions_expired_total")
			.contains("portcullis_sessions_duration_seconds_bucket{end=\"revoked\"")
			.contains("portcullis_sessions_duration_seconds_bucket{end=\"expired\"");
	}

}
