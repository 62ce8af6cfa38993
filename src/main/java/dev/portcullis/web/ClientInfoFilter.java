package dev.portcullis.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.portcullis.support.ClientInfo;

/** Resolves the caller's address and user agent once, before anything else runs. */
@Component
class ClientInfoFilter implements WebFilter, Ordered {

	private final ClientIpResolver resolver;

	ClientInfoFilter(ClientIpResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getAttributes()
			.put(ClientInfo.ATTRIBUTE, new ClientInfo(this.resolver.resolve(exchange),
					exchange.getRequest().getHeaders().getFirst("User-Agent")));
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return -300;
	}

}
