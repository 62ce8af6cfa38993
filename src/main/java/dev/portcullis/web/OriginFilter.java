package dev.portcullis.web;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.portcullis.edge.EdgePaths;
import dev.portcullis.support.GatewayProperties;

/**
 * Refuses browser requests from sites that are neither this gateway nor one of
 * {@code portcullis.cors.allowed-origins}: an {@code Origin} that does not match is
 * refused outright (before any CORS header is written), and a state-changing request
 * without {@code Origin} whose {@code Sec-Fetch-Site} says {@code cross-site} likewise.
 * This is what guards {@code /sign-in} and {@code /sign-up} against login CSRF; the
 * public discovery documents and the {@code /portcullis.js} module stay readable from
 * anywhere.
 */
@Component
class OriginFilter implements WebFilter, Ordered {

	private final Set<String> allowed = new HashSet<>();

	private final EdgePaths edge;

	OriginFilter(WebProperties web, GatewayProperties gateway, EdgePaths edge) {
		this.edge = edge;
		web.allowedOrigins().forEach((origin) -> this.allowed.add(normalize(origin)));
		this.allowed.add(originOf(gateway.issuer()));
		if (gateway.publicUrl() != null) {
			this.allowed.add(originOf(gateway.publicUrl()));
		}
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().value();
		// Public documents any site may read: discovery and keys, and the browser client
		// module that apps on other origins import (it carries no data). Forward auth and
		// edge routes carry bearer tokens, no ambient credential; CORS for routes is
		// Spring Cloud Gateway's configuration (docs/edge.md).
		if (path.startsWith("/.well-known/") || path.equals("/portcullis.js") || this.edge.matches(request)) {
			return chain.filter(exchange);
		}
		String origin = request.getHeaders().getOrigin();
		if (origin != null && !isAllowed(origin, request)) {
			return Mono.error(WebProblems::originNotAllowed);
		}
		String fetchSite = request.getHeaders().getFirst("Sec-Fetch-Site");
		if (origin == null && "cross-site".equalsIgnoreCase(fetchSite) && !isSafe(request.getMethod())) {
			return Mono.error(WebProblems::originNotAllowed);
		}
		return chain.filter(exchange);
	}

	private boolean isAllowed(String origin, ServerHttpRequest request) {
		String normalized = normalize(origin);
		return this.allowed.contains(normalized) || normalized.equals(originOf(request.getURI()));
	}

	private static boolean isSafe(HttpMethod method) {
		return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
	}

	private static String normalize(String origin) {
		try {
			return originOf(URI.create(origin.trim()));
		}
		catch (IllegalArgumentException ex) {
			return origin.trim().toLowerCase(Locale.ROOT);
		}
	}

	private static String originOf(URI uri) {
		if (uri.getScheme() == null || uri.getHost() == null) {
			return String.valueOf(uri).toLowerCase(Locale.ROOT);
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
				|| (scheme.equals("https") && port == 443);
		return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
	}

	@Override
	public int getOrder() {
		return -200;
	}

}
