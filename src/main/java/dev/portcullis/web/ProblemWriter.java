package dev.portcullis.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.ProblemException;

/**
 * Writes RFC 9457 problem documents. Controllers, the exception handler, the security
 * entry point and every filter answer through this one writer, so every error has the
 * same shape: {@code type}, {@code title}, {@code status}, {@code detail}, {@code code}.
 */
@Component
class ProblemWriter {

	/** Base of problem {@code type} URIs; the code is appended. */
	static final String TYPE_BASE = "https://portcullis.dev/problems/";

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	public Mono<Void> write(ServerWebExchange exchange, ProblemException problem) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(problem.status());
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setCacheControl("no-store");
		problem.headers().forEach((name, values) -> headers.put(name, values));
		DataBuffer buffer = response.bufferFactory().wrap(this.json.writeValueAsBytes(body(problem, exchange)));
		return response.writeWith(Mono.just(buffer));
	}

	static Map<String, Object> body(ProblemException problem, ServerWebExchange exchange) {
		HttpStatus status = problem.status();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", URI.create(TYPE_BASE + problem.code().replace('_', '-')).toString());
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", problem.detail());
		body.put("code", problem.code());
		body.put("instance", exchange.getRequest().getPath().value());
		body.putAll(problem.properties());
		return body;
	}

}
