package dev.portcullis.edge;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.edge.EdgeProperties.Route;
import dev.portcullis.edge.EdgeProperties.TokenMode;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenClaims;

/**
 * What Portcullis does to every request of one route before Spring Cloud Gateway sends it
 * on, in this order: remove what must never reach a backend (every {@code X-Portcullis-*}
 * header the client sent, the refresh and CSRF cookies, the CSRF header); authenticate by
 * the route's {@code auth}; check its {@code roles}; count it against its
 * {@code rate-limit} (per user, per client IP when anonymous); then relay or exchange the
 * token and set the identity headers from the verified token. Failures to reach the
 * backend become {@code 502 upstream_unavailable} or {@code 504 upstream_timeout};
 * whatever the backend answers passes through.
 */
class EdgeRouteFilter implements GatewayFilter {

	private static final String XSRF_COOKIE = "XSRF-TOKEN";

	private static final String XSRF_HEADER = "X-XSRF-TOKEN";

	private final String name;

	private final Route route;

	private final EdgeAuthenticator authenticator;

	private final ExchangedTokens exchanged;

	private final RateLimiter limiter;

	private final MeterRegistry meters;

	private final Set<String> hiddenCookies;

	EdgeRouteFilter(String name, Route route, EdgeAuthenticator authenticator, ExchangedTokens exchanged,
			RateLimiter limiter, MeterRegistry meters, String refreshCookie) {
		this.name = name;
		this.route = route;
		this.authenticator = authenticator;
		this.exchanged = exchanged;
		this.limiter = limiter;
		this.meters = meters;
		this.hiddenCookies = Set.of(refreshCookie, XSRF_COOKIE);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return authenticate(exchange).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((claims) -> admit(exchange, claims.orElse(null))
				.then(Mono.defer(() -> backendRequest(exchange, claims.orElse(null)))))
			.flatMap((request) -> chain.filter(exchange.mutate().request(request).build()))
			.onErrorMap(EdgeRouteFilter::isUpstreamFailure, EdgeRouteFilter::upstreamProblem)
			.doOnError(ProblemException.class,
					(problem) -> this.meters
						.counter("portcullis.edge.refused", "route", this.name, "code", problem.code())
						.increment());
	}

	private Mono<AccessTokenClaims> authenticate(ServerWebExchange exchange) {
		return switch (this.route.auth()) {
			case NONE -> Mono.empty();
			case OPTIONAL -> this.authenticator.authenticate(exchange.getRequest());
			case REQUIRED -> this.authenticator.require(exchange.getRequest());
		};
	}

	/** Roles, then the rate limit: a refused caller spends no budget. */
	private Mono<Void> admit(ServerWebExchange exchange, AccessTokenClaims claims) {
		if (!this.route.roles().isEmpty()) {
			if (claims == null) {
				return Mono.error(EdgeProblems.unauthenticated());
			}
			if (this.route.roles().stream().noneMatch(claims::hasRole)) {
				return Mono.error(EdgeProblems.forbidden());
			}
		}
		if (this.route.rateLimit() == null) {
			return Mono.empty();
		}
		return this.limiter.check("edge:" + this.name, this.route.rateLimit(), exchange,
				(claims != null) ? claims.userId().toString() : null);
	}

	/** The request as the backend gets it. */
	private Mono<ServerHttpRequest> backendRequest(ServerWebExchange exchange, AccessTokenClaims claims) {
		Mono<String> token = (claims != null && this.route.token() == TokenMode.EXCHANGE)
				? this.exchanged.tokenFor(this.name, claims, this.route.audience(), this.route.exchangedTokenTtl())
				: Mono.just("");
		return token.map((exchangedToken) -> exchange.getRequest().mutate().headers((headers) -> {
			IdentityHeaders.strip(headers);
			headers.remove(XSRF_HEADER);
			hideCookies(headers);
			if (claims != null) {
				IdentityHeaders.set(headers, claims);
				if (!exchangedToken.isEmpty()) {
					headers.setBearerAuth(exchangedToken);
				}
			}
		}).build());
	}

	private void hideCookies(HttpHeaders headers) {
		if (!headers.containsHeader(HttpHeaders.COOKIE)) {
			return;
		}
		String kept = headers.get(HttpHeaders.COOKIE)
			.stream()
			.flatMap((header) -> Arrays.stream(header.split(";")))
			.map(String::trim)
			.filter((pair) -> !pair.isEmpty() && !this.hiddenCookies.contains(cookieName(pair)))
			.collect(Collectors.joining("; "));
		if (kept.isEmpty()) {
			headers.remove(HttpHeaders.COOKIE);
		}
		else {
			headers.set(HttpHeaders.COOKIE, kept);
		}
	}

	private static String cookieName(String pair) {
		int equals = pair.indexOf('=');
		return ((equals < 0) ? pair : pair.substring(0, equals)).trim();
	}

	private static boolean isUpstreamFailure(Throwable ex) {
		if (ex instanceof ResponseStatusException status) {
			// Spring Cloud Gateway's own answer to the route's response timeout
			return status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value();
		}
		return ex instanceof IOException;
	}

	/**
	 * A connection that failed, was refused or timed out while connecting (Netty's
	 * connect timeout is a {@code ConnectException}), or a backend that closed it without
	 * an answer, is {@code 502}; no response headers within the response timeout is
	 * {@code 504}.
	 */
	private static Throwable upstreamProblem(Throwable ex) {
		return (ex instanceof ResponseStatusException) ? EdgeProblems.upstreamTimeout()
				: EdgeProblems.upstreamUnavailable();
	}

}
