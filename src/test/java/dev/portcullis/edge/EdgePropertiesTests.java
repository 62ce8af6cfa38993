package dev.portcullis.edge;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.portcullis.edge.EdgeProperties.Auth;
import dev.portcullis.edge.EdgeProperties.Route;
import dev.portcullis.edge.EdgeProperties.TokenMode;
import dev.portcullis.ratelimit.Rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgePropertiesTests {

	@Test
	void routeDefaultsAreTheDocumentedOnes() {
		Route route = bind(Map.of("portcullis.edge.routes.orders.path", "/api/orders/**",
				"portcullis.edge.routes.orders.uri", "http://orders:8080"))
			.routes()
			.get("orders");
		assertThat(route).isEqualTo(new Route("/api/orders/**", URI.create("http://orders:8080"), Auth.REQUIRED,
				List.of(), 0, TokenMode.RELAY, null, Duration.ofSeconds(60), null, Duration.ofSeconds(5),
				Duration.ofSeconds(30), 1));
	}

	@Test
	void everySettingBindsFromItsKebabCaseName() {
		Route route = bind(Map.ofEntries(Map.entry("portcullis.edge.routes.billing.path", "/billing/**"),
				Map.entry("portcullis.edge.routes.billing.uri", "http://billing:8080"),
				Map.entry("portcullis.edge.routes.billing.auth", "optional"),
				Map.entry("portcullis.edge.routes.billing.roles", "user,admin"),
				Map.entry("portcullis.edge.routes.billing.strip-prefix", "1"),
				Map.entry("portcullis.edge.routes.billing.token", "exchange"),
				Map.entry("portcullis.edge.routes.billing.audience", "billing-service"),
				Map.entry("portcullis.edge.routes.billing.exchanged-token-ttl", "2m"),
				Map.entry("portcullis.edge.routes.billing.rate-limit", "100/1m"),
				Map.entry("portcullis.edge.routes.billing.connect-timeout", "1s"),
				Map.entry("portcullis.edge.routes.billing.response-timeout", "10s"),
				Map.entry("portcullis.edge.routes.billing.retries", "0")))
			.routes()
			.get("billing");
		assertThat(route).isEqualTo(new Route("/billing/**", URI.create("http://billing:8080"), Auth.OPTIONAL,
				List.of("user", "admin"), 1, TokenMode.EXCHANGE, "billing-service", Duration.ofMinutes(2),
				Rate.valueOf("100/1m"), Duration.ofSeconds(1), Duration.ofSeconds(10), 0));
	}

	@Test
	void noRoutesByDefault() {
		assertThat(bind(Map.of()).routes()).isEmpty();
	}

	@Test
	void routeOverlappingPortcullisPathsIsRefused() {
		for (String path : List.of("/v1/orders/**", "/v1/**", "/.well-known/x", "/**", "/v*/**", "/account",
				"/actuator/prometheus")) {
			assertThatThrownBy(() -> bind(route("evil", path))).as(path)
				.isInstanceOf(BindException.class)
				.rootCause()
				.hasMessageContaining("portcullis.edge.routes.evil.path")
				.hasMessageContaining("overlaps Portcullis' own endpoints");
		}
		assertThat(bind(route("fine", "/accounts/**")).routes()).containsKey("fine");
		assertThat(bind(route("fine", "/v2/**")).routes()).containsKey("fine");
	}

	@Test
	void exchangeWithoutAudienceIsRefused() {
		Map<String, String> properties = new java.util.HashMap<>(route("billing", "/billing/**"));
		properties.put("portcullis.edge.routes.billing.token", "exchange");
		assertThatThrownBy(() -> bind(properties)).rootCause()
			.hasMessageContaining("portcullis.edge.routes.billing.token=exchange needs");
	}

	@Test
	void rolesWithoutAuthenticationAreRefused() {
		Map<String, String> properties = new java.util.HashMap<>(route("open", "/open/**"));
		properties.put("portcullis.edge.routes.open.auth", "none");
		properties.put("portcullis.edge.routes.open.roles", "admin");
		assertThatThrownBy(() -> bind(properties)).rootCause().hasMessageContaining("roles needs auth");
	}

	private static Map<String, String> route(String name, String path) {
		return Map.of("portcullis.edge.routes." + name + ".path", path, "portcullis.edge.routes." + name + ".uri",
				"http://backend:8080");
	}

	private static EdgeProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("portcullis.edge",
				EdgeProperties.class);
	}

}
