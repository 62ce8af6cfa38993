package dev.portcullis.operations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics that dashboards and alerts in {@code deploy/} read, by their Prometheus
 * names.
 */
class OperationalMetricsIntegrationTests extends IntegrationTest {

	@Test
	void prometheusShowsOffloadPoolSigningKeyLimiterAndLatencyHistograms() {
		auth().newSignedInUser();

		String scrape = management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(scrape).contains("portcullis_offload_queued ")
			.contains("portcullis_offload_active ")
			.contains("portcullis_offload_rejected_total ")
			.contains("portcullis_offload_capacity{kind=\"queue\"} 10000.0")
			.containsPattern("portcullis_rate_limit_decisions_total\\{[^}]*outcome=\"allowed\"[^}]*\\} [1-9]")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/v1/auth/sign-in\",le=\"[0-9.]+\"");
		double age = value(scrape, "portcullis_signing_key_age_seconds");
		double next = value(scrape, "portcullis_signing_key_next_rotation_seconds");
		assertThat(age).isGreaterThanOrEqualTo(0);
		assertThat(next).isPositive();
		if (age > 0) {
			// else the clock stands before the key's activation (tests move it back and
			// forth): the age reads 0 and the next rotation counts from the activation
			assertThat(age + next).isLessThanOrEqualTo(30 * 24 * 3600 + 1);
		}
	}

	private static double value(String scrape, String name) {
		Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(scrape);
		assertThat(matcher.find()).as(name + " in the scrape").isTrue();
		return Double.parseDouble(matcher.group(2));
	}

}
