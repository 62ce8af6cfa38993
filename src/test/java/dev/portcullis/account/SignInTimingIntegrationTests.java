package dev.portcullis.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong password for an existing account and any password for an unknown address cost
 * the same: one Argon2 comparison, one counting statement and one stored event each. The
 * medians of interleaved attempts must agree within a tolerance wide enough for a shared
 * machine (the defect was a factor of 2.7 under load).
 */
class SignInTimingIntegrationTests extends IntegrationTest {

	@Test
	void aWrongPasswordAndAnUnknownAddressTakeTheSameTime() {
		List<String> accounts = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String email = AuthClient.uniqueEmail();
			auth().signUp(email);
			accounts.add(email);
		}
		for (int warmUp = 0; warmUp < 3; warmUp++) {
			time(AuthClient.uniqueEmail());
		}
		List<Long> known = new ArrayList<>();
		List<Long> unknown = new ArrayList<>();
		for (int round = 0; round < 20; round++) {
			// at most four failures per account: the fifth would lock it, another path
			known.add(time(accounts.get(round % accounts.size())));
			unknown.add(time(AuthClient.uniqueEmail()));
		}
		long knownMedian = median(known);
		long unknownMedian = median(unknown);
		assertThat(Math.abs(knownMedian - unknownMedian)).as("medians %d ms and %d ms", knownMedian, unknownMedian)
			.isLessThanOrEqualTo(Math.max(30, unknownMedian * 35 / 100));
	}

	private long time(String email) {
		long started = System.nanoTime();
		this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", "not the password"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		return (System.nanoTime() - started) / 1_000_000;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}
