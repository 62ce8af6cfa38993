package dev.portcullis.edge;

import java.net.ConnectException;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;

import dev.portcullis.edge.EdgeProperties.Route;
import dev.portcullis.ratelimit.RateLimiter;

/**
 * Maps {@code portcullis.edge.routes.*} to Spring Cloud Gateway routes, one each: a path
 * predicate, the {@link EdgeRouteFilter} first, then prefix stripping and retries, with
 * the route's timeouts as metadata. Spring Cloud Gateway's handler mapping comes after
 * Portcullis' own controllers, and no route may claim a Portcullis path (see
 * {@link EdgeProperties}), so with no route configured nothing is routed at all.
 */
@Configuration(proxyBeanMethods = false)
class EdgeRoutes {

	/** Before Spring Cloud Gateway's own filters, so its routing errors reach ours. */
	private static final int FIRST = Ordered.HIGHEST_PRECEDENCE + 10_000;

	@Bean
	RouteLocator edgeRouteLocator(RouteLocatorBuilder builder, EdgeProperties properties,
			EdgeAuthenticator authenticator, ExchangedTokens exchanged, RateLimiter limiter, MeterRegistry meters,
			@Value("${portcullis.cookie.name:portcullis_refresh}") String refreshCookie) {
		RouteLocatorBuilder.Builder routes = builder.routes();
		properties.routes()
			.forEach((name, route) -> routes.route(name,
					(spec) -> spec.path(false, route.path())
						.filters((filters) -> filters(filters,
								new EdgeRouteFilter(name, route, authenticator, exchanged, limiter, meters,
										refreshCookie),
								route))
						.metadata(
								Map.of(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) route.connectTimeout().toMillis(),
										RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, route.responseTimeout().toMillis()))
						.uri(route.uri())));
		return routes.build();
	}

	private static GatewayFilterSpec filters(GatewayFilterSpec filters, EdgeRouteFilter edge, Route route) {
		filters.filter(edge, FIRST);
		if (route.stripPrefix() > 0) {
			filters.stripPrefix(route.stripPrefix());
		}
		if (route.retries() > 0) {
			// Only when no answer came: a backend's own error passes through untouched.
			// PUT
			// is idempotent too, but retrying it would buffer its body in memory.
			filters.retry((retry) -> retry.setRetries(route.retries())
				.setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.DELETE)
				.setSeries()
				.setStatuses()
				.setExceptions(ConnectException.class, PrematureCloseException.class));
		}
		return filters;
	}

}
