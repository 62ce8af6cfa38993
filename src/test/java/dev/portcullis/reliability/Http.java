package dev.portcullis.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.portcullis.support.AuthClient;

/**
 * A plain blocking HTTP client for load and fault tests, run from test threads: each
 * request has a hard timeout, so a hang shows up as a failed answer with its duration
 * instead of stalling the test.
 */
final class Http {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	Http(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	Response post(String path, Map<String, ?> body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	Response post(String path, String accessToken) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Authorization", "Bearer " + accessToken)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	Response get(String path, String accessToken) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Authorization", "Bearer " + accessToken)
			.GET());
	}

	Response signUp(String email) {
		return post("/v1/auth/sign-up", Map.of("email", email, "password", AuthClient.PASSWORD, "name", "Test User"));
	}

	Response signIn(String email) {
		return post("/v1/auth/sign-in",
				Map.of("email", email, "password", AuthClient.PASSWORD, "tokenDelivery", "body"));
	}

	Response refresh(String refreshToken) {
		return post("/v1/auth/refresh", Map.of("refreshToken", refreshToken));
	}

	/** Signs a new user up and in, and answers the token response. */
	JsonNode newSession() {
		String email = AuthClient.uniqueEmail();
		signUp(email).expect(201);
		return signIn(email).expect(200).body();
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			return new Response(-1, NO_HEADERS, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Response(-1, NO_HEADERS, ex.toString());
		}
	}

	/** A status ({@code -1}: no answer within the timeout), headers and the body. */
	record Response(int status, HttpHeaders headers, String text) {

		String retryAfter() {
			return this.headers.firstValue("Retry-After").orElse(null);
		}

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		JsonNode body() {
			return json.readTree(this.text);
		}

		/** The problem document's {@code code}, if this is one. */
		String code() {
			if (!this.headers.firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
				return null;
			}
			JsonNode code = body().get("code");
			return (code != null) ? code.asString() : null;
		}

		Response expect(int expected) {
			if (this.status != expected) {
				throw new AssertionError("Expected " + expected + " but got " + this.status + ": " + this.text);
			}
			return this;
		}

		Traffic.Result result() {
			return new Traffic.Result(this.status, code());
		}

	}

}
