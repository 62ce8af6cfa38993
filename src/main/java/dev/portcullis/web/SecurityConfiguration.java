package dev.portcullis.web;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.edge.EdgePaths;
import dev.portcullis.support.ProblemException;

/**
 * The security filter chain: stateless, bearer tokens only, every failure a problem
 * document, and deny by default: only the paths {@link Routes} names are served. CSRF is
 * not Spring's session-bound kind: the refresh cookie is checked by double submit where
 * it is used, and browser origins by {@link OriginFilter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	/**
	 * Requests for edge routes ({@code portcullis.edge.routes.*}) are the backend's: the
	 * edge filter authenticates each by its route's {@code auth}, and nothing here may
	 * touch the backend's answer (no security headers; CORS is Spring Cloud Gateway's own
	 * configuration, see docs/edge.md). Matches nothing when no route is configured.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain edgeRouteSecurity(ServerHttpSecurity http, EdgePaths edgePaths) {
		return http
			.securityMatcher((exchange) -> edgePaths.routed(exchange.getRequest())
					? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.cors(ServerHttpSecurity.CorsSpec::disable)
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.disable())
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((authorize) -> authorize.anyExchange().permitAll())
			.build();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, BearerTokenAuthenticator bearer, ProblemWriter problems,
			CorsConfigurationSource cors) {
		AuthenticationWebFilter bearerFilter = new AuthenticationWebFilter(bearer);
		bearerFilter.setServerAuthenticationConverter(bearer);
		bearerFilter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		// Introspection callers and the token endpoint's service clients authenticate
		// with
		// their own credentials (HTTP Basic or the form), checked by their controllers;
		// forward auth checks the bearer token itself (edge).
		bearerFilter.setRequiresAuthenticationMatcher(
				new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(Routes.NOT_BEARER)));
		// Refresh and sign-out authenticate by the refresh token (cookie or body): an SPA
		// that attaches its expired access token must still reach that path, or the
		// session stays live and the HttpOnly cookie stays in the browser.
		ServerWebExchangeMatcher refreshTokenRoutes = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
				Routes.REFRESH_TOKEN);
		bearerFilter
			.setAuthenticationFailureHandler((exchange, ex) -> refreshTokenRoutes.matches(exchange.getExchange())
				.flatMap((match) -> match.isMatch() ? exchange.getChain().filter(exchange.getExchange())
						: problems.write(exchange.getExchange(), (ex instanceof BearerTokenFailure failure)
								? failure.problem() : WebProblems.invalidToken("The access token is not valid."))));
		ServerWebExchangeMatcher named = Routes.named();
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.disable())
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.cors((spec) -> spec.configurationSource(cors))
			.addFilterAt(bearerFilter, SecurityWebFiltersOrder.AUTHENTICATION)
			.exceptionHandling((handling) -> handling
				.authenticationEntryPoint(
						(exchange, ex) -> refuse(exchange, named, WebProblems.unauthenticated(), problems))
				.accessDeniedHandler((exchange, ex) -> refuse(exchange, named, WebProblems.forbidden(), problems)))
			.authorizeExchange((authorize) -> authorize.pathMatchers(HttpMethod.OPTIONS, "/**")
				.permitAll()
				.pathMatchers(Routes.PUBLIC)
				.permitAll()
				.pathMatchers(Routes.SIGNED_IN)
				.authenticated()
				.pathMatchers(Routes.ADMIN)
				.hasRole("admin")
				.pathMatchers(Routes.EDGE)
				.permitAll()
				.anyExchange()
				.denyAll())
			.build();
	}

	/** A path nobody named is not found, whoever asks; a named one is refused. */
	private static Mono<Void> refuse(ServerWebExchange exchange, ServerWebExchangeMatcher named,
			ProblemException refusal, ProblemWriter problems) {
		return named.matches(exchange)
			.flatMap((match) -> problems.write(exchange, match.isMatch() ? refusal : WebProblems.notFound()));
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(WebProperties web, EdgePaths edge) {
		CorsConfiguration config = new CorsConfiguration();
		config.setAllowedOrigins(web.allowedOrigins());
		config.setAllowCredentials(true);
		config.addAllowedMethod("*");
		config.addAllowedHeader(HttpHeaders.AUTHORIZATION);
		config.addAllowedHeader(HttpHeaders.CONTENT_TYPE);
		config.addAllowedHeader("X-XSRF-TOKEN");
		config.addExposedHeader(HttpHeaders.RETRY_AFTER);
		config.addExposedHeader("RateLimit-Limit");
		config.addExposedHeader("RateLimit-Remaining");
		config.addExposedHeader("RateLimit-Reset");
		config.setMaxAge(600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/v1/**", config);
		// Forward auth is called by proxies, not browsers: it answers whatever Origin the
		// proxied request carried.
		return (exchange) -> edge.matches(exchange.getRequest()) ? null : source.getCorsConfiguration(exchange);
	}

}
