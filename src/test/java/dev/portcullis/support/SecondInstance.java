package dev.portcullis.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.PortcullisApplication;

/** Another gateway instance on the same PostgreSQL and Redis, on its own port. */
public final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static SecondInstance start(Map<String, String> overrides) {
		return start(overrides, Set.of());
	}

	/**
	 * Like {@link #start(Map)}, leaving out some of the test infrastructure's properties
	 * so that the application's own defaults apply to them.
	 */
	public static SecondInstance start(Map<String, String> overrides, Set<String> defaulted) {
		Map<String, Object> properties = new HashMap<>(TestInfrastructure.get().properties());
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.putAll(overrides);
		properties.keySet().removeAll(defaulted);
		// As command-line arguments, so that they win over application.yaml as a
		// deployment's environment would (default properties would lose to it).
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		return new SecondInstance(new SpringApplicationBuilder(PortcullisApplication.class)
			.initializers(SecondInstance::ownNettyResources)
			.run(arguments));
	}

	/**
	 * Event loops of its own: by default every context in the JVM shares Reactor Netty's
	 * global resources, and closing this instance would dispose the loops that the shared
	 * test context's management server runs on.
	 */
	private static void ownNettyResources(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean("reactorResourceFactory", ReactorResourceFactory.class,
				() -> {
					ReactorResourceFactory factory = new ReactorResourceFactory();
					factory.setUseGlobalResources(false);
					return factory;
				});
	}

	public WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port()).build();
	}

	/** A client of this instance's management server ({@code /actuator}). */
	public WebTestClient management() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort()).build();
	}

	public int managementPort() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.management.port"));
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
