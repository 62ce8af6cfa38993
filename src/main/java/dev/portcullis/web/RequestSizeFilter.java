package dev.portcullis.web;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.portcullis.edge.EdgePaths;

/**
 * Request bodies are at most 64 KiB. A declared length over that is refused before a byte
 * is read; a body without a length (chunked) is counted as it is read and fails with
 * {@link DataBufferLimitException} at the first byte past the limit, which the problem
 * handler answers {@code 413 payload_too_large} whichever reader was consuming it.
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
		return chain.filter(exchange.mutate().request(new CountedRequest(exchange)).build());
	}

	@Override
	public int getOrder() {
		return -250;
	}

	private static final class CountedRequest extends ServerHttpRequestDecorator {

		CountedRequest(ServerWebExchange exchange) {
			super(exchange.getRequest());
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> {
				AtomicLong read = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (read.addAndGet(buffer.readableByteCount()) > MAX_BODY) {
						DataBufferUtils.release(buffer);
						sink.error(new DataBufferLimitException("The request body is larger than 64 KiB."));
						return;
					}
					sink.next(buffer);
				});
			});
		}

	}

}
