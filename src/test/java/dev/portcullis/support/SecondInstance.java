package dev.portcullis.support;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.PortcullisApplication;

/** Another gateway instance on the same PostgreSQL and Redis, on its own port. */
public final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static SecondInstance start(Map<String, String> overrides) {
		return start(overrides, Map.of());
	}

	/**
	 * An instance that sees these operating-system environment variables on top of the
	 * real ones (as Boot's platform detection reads them, e.g.
	 * {@code KUBERNETES_SERVICE_HOST}).
	 */
	public static SecondInstance start(Map<String, String> overrides, Map<String, String> environmentVariables) {
		Map<String, Object> properties = new HashMap<>(TestInfrastructure.get().properties());
		properties.put("server.port", "0");
		properties.putAll(overrides);
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> variables = new HashMap<>(System.getenv());
		variables.putAll(environmentVariables);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return new SecondInstance(new SpringApplicationBuilder(PortcullisApplication.class).environment(environment)
			.properties(properties)
			.run());
	}

	public WebTestClient http() {
		// The same patience as IntegrationTest's client: a loaded shared machine is slow.
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port())
			.responseTimeout(java.time.Duration.ofSeconds(30))
			.build();
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
