package dev.portcullis.ratelimit;

import java.util.Locale;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.portcullis.ratelimit.RateLimitProperties.Rule;

/**
 * Applies the {@code portcullis.rate-limit.rules} that name paths, before authentication
 * and any handler runs (after the client IP is known). A refusal is a
 * {@code ProblemException}, answered as problem+json by the error handler like any other
 * filter error.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

	private final RateLimiter limiter;

	private final List<RouteRule> rules;

	RateLimitFilter(RateLimiter limiter, RateLimitProperties properties) {
		this.limiter = limiter;
		this.rules = properties.rules()
			.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().paths().isEmpty())
			.map(RouteRule::of)
			.toList();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.rules.isEmpty()) {
			return chain.filter(exchange);
		}
		return Flux.fromIterable(this.rules)
			.filter((rule) -> rule.matches(exchange))
			.concatMap((rule) -> this.limiter.check(rule.name(), exchange, rule.account(exchange)))
			.then(Mono.defer(() -> chain.filter(exchange)));
	}

	/** After {@code ClientInfoFilter} (-300), before the security chain (-100). */
	@Override
	public int getOrder() {
		return -200;
	}

	private record RouteRule(String name, List<PathPattern> paths, List<String> methods, String accountHeader) {

		static RouteRule of(Map.Entry<String, Rule> entry) {
			Rule rule = entry.getValue();
			List<PathPattern> paths = rule.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
			List<String> methods = rule.methods()
				.stream()
				.map((method) -> method.trim().toUpperCase(Locale.ROOT))
				.toList();
			return new RouteRule(entry.getKey(), paths, methods, rule.accountHeader());
		}

		boolean matches(ServerWebExchange exchange) {
			if (!this.methods.isEmpty() && !this.methods.contains(exchange.getRequest().getMethod().name())) {
				return false;
			}
			PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
			return this.paths.stream().anyMatch((pattern) -> pattern.matches(path));
		}

		String account(ServerWebExchange exchange) {
			return (this.accountHeader != null) ? exchange.getRequest().getHeaders().getFirst(this.accountHeader)
					: null;
		}

	}

}
