package dev.portcullis.ratelimit;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.ContractLimits;
import dev.portcullis.support.Problems;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.ServiceTokens;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's limits over HTTP, on the two {@link ContractLimits} instances sharing
 * one Redis. Both trust 127.0.0.1 as a proxy, so tests pick client addresses with
 * {@code X-Forwarded-For}; a client bound to 127.0.0.2 is an untrusted peer.
 */
class RateLimitIntegrationTests {

	private static SecondInstance first;

	private static SecondInstance second;

	@BeforeAll
	static void start() {
		first = ContractLimits.instance(0);
		second = ContractLimits.instance(1);
	}

	@Test
	void thePerAccountSignInLimitIsSharedByBothInstances() {
		String email = AuthClient.uniqueEmail();
		signUp(first.http(), email, randomIp()).expectStatus().isCreated();
		for (int i = 0; i < 10; i++) {
			WebTestClient.ResponseSpec response = signIn(instance(i), email, AuthClient.PASSWORD, randomIp());
			response.expectStatus().isOk();
			response.expectHeader().valueEquals("RateLimit-Limit", "10");
			response.expectHeader().valueEquals("RateLimit-Remaining", Integer.toString(9 - i));
		}

		WebTestClient.ResponseSpec refused = signIn(second.http(), email, AuthClient.PASSWORD, randomIp());
		// the clock stands still: the whole window is still to run
		refused.expectHeader().valueEquals("Retry-After", "600");
		refused.expectHeader().valueEquals("RateLimit-Limit", "10");
		refused.expectHeader().valueEquals("RateLimit-Remaining", "0");
		refused.expectHeader().exists("RateLimit-Reset");
		Problems.expectProblem(refused, 429, "rate_limited");
	}

	@Test
	void thePerIpSignInLimitCountsEveryAttemptOnEitherInstance() {
		String ip = randomIp();
		for (int i = 0; i < 20; i++) {
			WebTestClient.ResponseSpec response = signIn(instance(i), AuthClient.uniqueEmail(), "wrong password here",
					ip);
			response.expectHeader().exists("RateLimit-Remaining");
			Problems.expectProblem(response, 401, "invalid_credentials");
		}
		WebTestClient.ResponseSpec refused = signIn(first.http(), AuthClient.uniqueEmail(), "wrong password here", ip);
		refused.expectHeader().valueEquals("RateLimit-Limit", "20");
		refused.expectHeader().valueEquals("RateLimit-Remaining", "0");
		refused.expectHeader().exists("Retry-After");
		Problems.expectProblem(refused, 429, "rate_limited");

		signIn(second.http(), AuthClient.uniqueEmail(), "wrong password here", randomIp()).expectStatus()
			.isUnauthorized();
	}

	@Test
	void signUpShowsItsPerIpLimit() {
		signUp(second.http(), AuthClient.uniqueEmail(), randomIp()).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("RateLimit-Limit", "20")
			.expectHeader()
			.valueEquals("RateLimit-Remaining", "19");
	}

	@Test
	void aConfiguredRuleLimitsItsRoute() {
		String ip = randomIp();
		for (int i = 0; i < 3; i++) {
			probe(instance(i), ip).expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("RateLimit-Limit", "3")
				.expectHeader()
				.valueEquals("RateLimit-Remaining", Integer.toString(2 - i));
		}
		WebTestClient.ResponseSpec refused = probe(first.http(), ip);
		refused.expectHeader().valueEquals("Retry-After", "60");
		Problems.expectProblem(refused, 429, "rate_limited");
	}

	@Test
	void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
		WebTestClient untrusted = WebTestClient
			.bindToServer(new ReactorClientHttpConnector(
					HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0))))
			.baseUrl("http://127.0.0.1:" + first.port())
			.build();
		for (int i = 0; i < 3; i++) {
			probe(untrusted, randomIp()).expectStatus().isOk();
		}
		Problems.expectProblem(probe(untrusted, randomIp()), 429, "rate_limited");
	}

	@Test
	void forwardingHeadersFromATrustedPeerAreHonoured() {
		String ip = randomIp();
		for (int i = 0; i < 3; i++) {
			probe(first.http(), ip).expectStatus().isOk();
		}
		Problems.expectProblem(probe(first.http(), ip), 429, "rate_limited");
		probe(first.http(), randomIp()).expectStatus().isOk().expectHeader().valueEquals("RateLimit-Remaining", "2");
	}

	@Test
	void ipv6ClientsAreCountedPerSlash64() {
		String network = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + ":"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + ":";
		probe(first.http(), network + ":1").expectStatus().isOk();
		probe(second.http(), network + "1:2:3:4").expectStatus().isOk();
		probe(first.http(), network + "ffff:0:0:9").expectStatus().isOk();
		Problems.expectProblem(probe(second.http(), network + ":abcd"), 429, "rate_limited");

		probe(first.http(), "2001:db9::1").expectStatus().isOk();
	}

	@Test
	void thePerClientTokenLimitIsSharedByBothInstancesAndAnswersInTheOAuthShape() {
		for (int i = 0; i < 3; i++) {
			tokenRequest(instance(i), TestInfrastructure.PLAIN_SECRET).expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("RateLimit-Remaining", Integer.toString(2 - i));
		}

		tokenRequest(first.http(), TestInfrastructure.PLAIN_SECRET).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("rate_limited");
		// Every attempt counts, so a wrong secret is refused before it is checked.
		tokenRequest(second.http(), "wrong").expectStatus().isEqualTo(429);
		ServiceTokens
			.request(second.http(),
					ServiceTokens.basic(TestInfrastructure.ORDERS_CLIENT, TestInfrastructure.ORDERS_SECRET),
					ServiceTokens.form())
			.expectStatus()
			.isOk();
	}

	private static WebTestClient.ResponseSpec tokenRequest(WebTestClient http, String secret) {
		return ServiceTokens.request(http, ServiceTokens.basic(TestInfrastructure.PLAIN_CLIENT, secret),
				ServiceTokens.form());
	}

	private static WebTestClient instance(int i) {
		return (i % 2 == 0) ? first.http() : second.http();
	}

	private static WebTestClient.ResponseSpec probe(WebTestClient http, String ip) {
		return http.get().uri("/v1/auth/csrf").header("X-Forwarded-For", ip).exchange();
	}

	private static WebTestClient.ResponseSpec signIn(WebTestClient http, String email, String password, String ip) {
		return http.post()
			.uri("/v1/auth/sign-in")
			.header("X-Forwarded-For", ip)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "tokenDelivery", "body"))
			.exchange();
	}

	private static WebTestClient.ResponseSpec signUp(WebTestClient http, String email, String ip) {
		return http.post()
			.uri("/v1/auth/sign-up")
			.header("X-Forwarded-For", ip)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", AuthClient.PASSWORD))
			.exchange();
	}

	/** An address in the benchmarking range 198.18.0.0/15, fresh for each call. */
	static String randomIp() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

}
