package dev.portcullis.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.portcullis.edge.EdgePaths;

/**
 * Refuses a declared body over 64 KiB before reading a byte of it. Chunked bodies without
 * a length are caught by the codec limit ({@code spring.codec.max-in-memory-size}).
 */
@Component
class RequestSizeFilter implements WebFilter, Ordered {

	static final long MAX_BODY = 64 * 1024;

	private final EdgePaths edge;

	RequestSizeFilter(EdgePaths edge) {
		this.edge = edge;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// Bodies streamed to a backend through an edge route are the backend's to limit;
		// forward auth never reads one (a proxy may announce the original request's).
		if (exchange.getRequest().getHeaders().getContentLength() > MAX_BODY
				&& !this.edge.matches(exchange.getRequest())) {
			return Mono.error(WebProblems::payloadTooLarge);
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return -250;
	}

}
