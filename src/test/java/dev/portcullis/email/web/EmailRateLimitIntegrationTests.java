package dev.portcullis.email.web;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.ContractLimits;
import dev.portcullis.support.SecondInstance;

import static dev.portcullis.support.Problems.expectProblem;

/**
 * The contract's email limits (20/1h per IP, 5/1h per account, shared by
 * send-verification-email and password/forgot) on a {@link ContractLimits} instance; the
 * addresses here are used by no other test.
 */
class EmailRateLimitIntegrationTests {

	private static SecondInstance gateway;

	@BeforeAll
	static void start() {
		gateway = ContractLimits.instance(0);
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
		refused.expectHeader().valueEquals("Retry-After", "3600");
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
