package dev.portcullis.ratelimit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/** Placeholder until the Redis limiter (issue 4) replaces it: allows everything. */
@Component
class UnlimitedRateLimiter implements RateLimiter {

	@Override
	public Mono<Void> check(String limit, ServerWebExchange exchange, @Nullable String account) {
		return Mono.empty();
	}

}
