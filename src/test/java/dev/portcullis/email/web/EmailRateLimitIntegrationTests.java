package dev.portcullis.email.web;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's email limits (20/1h per IP, 5/1h per account, shared by
 * send-verification-email and password/forgot) on an instance with those values and a
 * Redis prefix of its own, so other tests' traffic does not count.
 */
class EmailRateLimitIntegrationTests {

	private static SecondInstance gateway;

	@BeforeAll
	static void start() {
		gateway = SecondInstance.start(Map.of("portcullis.redis-prefix",
				TestInfrastructure.get().redisPrefix() + "-email-limits", "portcullis.trusted-proxies", "127.0.0.1/32",
				"portcullis.rate-limit.email.per-ip", "20/1h", "portcullis.rate-limit.email.per-account", "5/1h"));
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void bothEmailEndpointsShareFiveRequestsPerAddressAnHour() {
		String email = AuthClient.uniqueEmail();
		for (int i = 0; i < 5; i++) {
			String path = (i % 2 == 0) ? "/v1/auth/send-verification-email" : "/v1/auth/password/forgot";
			WebTestClient.ResponseSpec response = post(path, email, "198.51.100." + i);
			response.expectStatus().isAccepted();
			response.expectHeader().valueEquals("RateLimit-Remaining", Integer.toString(4 - i));
		}

		WebTestClient.ResponseSpec refused = post("/v1/auth/password/forgot", email, "198.51.100.99");
		expectProblem(refused, 429, "rate_limited");
		refused.expectHeader().value("Retry-After", (value) -> assertThat(Long.parseLong(value)).isBetween(1L, 3600L));
		expectProblem(post("/v1/auth/send-verification-email", email.toUpperCase(Locale.ROOT), "198.51.100.98"), 429,
				"rate_limited");
	}

	@Test
	void oneAddressGetsTwentyEmailRequestsAnHourWhateverTheAccounts() {
		String ip = "203.0.113.77";
		for (int i = 0; i < 20; i++) {
			post("/v1/auth/send-verification-email", AuthClient.uniqueEmail(), ip).expectStatus().isAccepted();
		}

		expectProblem(post("/v1/auth/password/forgot", AuthClient.uniqueEmail(), ip), 429, "rate_limited");
		post("/v1/auth/password/forgot", AuthClient.uniqueEmail(), "203.0.113.78").expectStatus().isAccepted();
	}

	private static WebTestClient.ResponseSpec post(String path, String email, String clientIp) {
		return gateway.http()
			.post()
			.uri(path)
			.header("X-Forwarded-For", clientIp)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email))
			.exchange();
	}

}
