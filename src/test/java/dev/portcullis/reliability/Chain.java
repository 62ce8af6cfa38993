package dev.portcullis.reliability;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;

/**
 * One session as a client holds it: the newest refresh and access tokens, replaced on
 * every successful refresh and kept when a refresh fails, as a well-behaved client does.
 */
final class Chain {

	final AtomicReference<String> refresh = new AtomicReference<>();

	final AtomicReference<String> access = new AtomicReference<>();

	final UUID id;

	private final Http http;

	Chain(Http http, JsonNode tokens) {
		this.http = http;
		take(tokens);
		this.id = UUID.fromString(tokens.get("session").get("id").asString());
	}

	Traffic.Result refresh() {
		Http.Response response = this.http.refresh(this.refresh.get());
		if (response.status() == 200) {
			take(response.body());
		}
		else if (response.status() == 503 && response.retryAfter() == null) {
			return new Traffic.Result(503, "no Retry-After");
		}
		return response.result();
	}

	private void take(JsonNode tokens) {
		this.refresh.set(tokens.get("refreshToken").asString());
		this.access.set(tokens.get("accessToken").asString());
	}

}
