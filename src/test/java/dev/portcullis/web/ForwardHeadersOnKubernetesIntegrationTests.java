package dev.portcullis.web;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.SecondInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a platform Boot detects (Kubernetes here, by the variables every pod has) Boot would
 * turn on Reactor Netty's own forwarded-header handling, which takes the remote address
 * from any caller's {@code X-Forwarded-For}, past {@code portcullis.trusted-proxies}.
 * {@code server.forward-headers-strategy: none} keeps the socket peer.
 */
class ForwardHeadersOnKubernetesIntegrationTests {

	private static SecondInstance pod;

	@BeforeAll
	static void startOnKubernetes() {
		pod = SecondInstance.start(Map.of(),
				Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"));
	}

	@AfterAll
	static void stop() {
		pod.close();
	}

	@Test
	void theInstanceBelievesItRunsOnKubernetes() {
		assertThat(CloudPlatform.getActive(pod.bean(Environment.class))).isEqualTo(CloudPlatform.KUBERNETES);
	}

	@Test
	void xForwardedForFromAnUntrustedPeerIsIgnored() {
		WebTestClient http = pod.http();
		String email = AuthClient.uniqueEmail();
		new AuthClient(http).signUp(email);
		JsonNode tokens = http.post()
			.uri("/v1/auth/sign-in")
			.header("X-Forwarded-For", "203.0.113.9")
			.header("Forwarded", "for=198.51.100.7")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", AuthClient.PASSWORD, "tokenDelivery", "body"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		JsonNode sessions = http.get()
			.uri("/v1/auth/sessions")
			.headers((headers) -> headers.setBearerAuth(tokens.get("accessToken").asString()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(sessions.get("sessions").get(0).get("ipAddress").asString()).isEqualTo("127.0.0.1");
	}

}
