package dev.portcullis.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** Asks {@code POST /oauth2/token} for client-credentials tokens, as a service would. */
public final class ServiceTokens {

	private ServiceTokens() {
	}

	/**
	 * {@code client_secret_basic}: id and secret form-encoded, then Basic (RFC 6749
	 * section 2.3.1).
	 */
	public static String basic(String clientId, String secret) {
		String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(secret, StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	/** The form of a client-credentials request with extra {@code name, value} pairs. */
	public static MultiValueMap<String, String> form(String... extra) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		for (int i = 0; i + 1 < extra.length; i += 2) {
			form.add(extra[i], extra[i + 1]);
		}
		return form;
	}

	public static WebTestClient.ResponseSpec request(WebTestClient http, String authorization,
			MultiValueMap<String, String> form) {
		WebTestClient.RequestBodySpec request = http.post()
			.uri("/oauth2/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request.body(BodyInserters.fromFormData(form)).exchange();
	}

	/** A token response for the client, asserting only that it succeeded. */
	public static JsonNode obtain(WebTestClient http, String clientId, String secret, String... extra) {
		return request(http, basic(clientId, secret), form(extra)).expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

}
