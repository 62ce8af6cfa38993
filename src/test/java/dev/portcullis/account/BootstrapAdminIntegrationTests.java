package dev.portcullis.account;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapAdminIntegrationTests extends IntegrationTest {

	@Test
	void createsAVerifiedAdminOnceAndLeavesItAloneOnLaterStarts() {
		String email = AuthClient.uniqueEmail();
		try (SecondInstance first = start(email, AuthClient.PASSWORD)) {
			JsonNode user = signIn(first.http(), email, AuthClient.PASSWORD).get("user");
			assertThat(user.get("emailVerified").asBoolean()).isTrue();
			assertThat(user.get("roles").toString()).contains("\"admin\"");
		}
		try (SecondInstance again = start(email, "a different password entirely")) {
			signIn(again.http(), email, AuthClient.PASSWORD);
		}
	}

	@Test
	void neverPromotesAnAccountThatAlreadyHasTheEmail() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		try (SecondInstance instance = start(email, "another strong passphrase")) {
			JsonNode user = signIn(instance.http(), email, AuthClient.PASSWORD).get("user");
			assertThat(user.get("roles").toString()).doesNotContain("admin");
		}
	}

	private static SecondInstance start(String email, String password) {
		SecondInstance instance = SecondInstance
			.start(Map.of("portcullis.bootstrap-admin.email", email, "portcullis.bootstrap-admin.password", password));
		instance.bean(BootstrapAdmin.class).completion().block(Duration.ofSeconds(30));
		return instance;
	}

	private static JsonNode signIn(WebTestClient client, String email, String password) {
		return client.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "tokenDelivery", "body"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

}
