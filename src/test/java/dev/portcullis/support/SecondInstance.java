package dev.portcullis.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.PortcullisApplication;
import dev.portcullis.token.SigningKeys;

/**
 * Another gateway instance on the same PostgreSQL, Redis and {@link MutableClock}, on its
 * own port. {@link #shared()} is the one with the test defaults, started once per JVM;
 * {@link #start(Map)} starts a dedicated one for tests that need other properties.
 */
public final class SecondInstance implements AutoCloseable {

	private static SecondInstance shared;

	private final ConfigurableApplicationContext context;

	private final boolean lifelong;

	private SecondInstance(ConfigurableApplicationContext context, boolean lifelong) {
		this.context = context;
		this.lifelong = lifelong;
	}

	/**
	 * The second instance with the default test properties, started at first use and
	 * stopped when the JVM exits. Tests must not close it.
	 * <p>
	 * The clock goes back to its start after every test, which never happens in a
	 * deployment: the signing keys the first instance rotated in while a test had moved
	 * the clock would stay unknown here for good. So each test that picks the instance up
	 * makes it reload them, as it would within a minute anyway.
	 */
	public static SecondInstance shared() {
		synchronized (SecondInstance.class) {
			if (shared == null) {
				shared = launch(Map.of(), true);
			}
		}
		SigningKeys.reload(shared.context);
		return shared;
	}

	/** A dedicated instance with these properties on top of the defaults; close it. */
	public static SecondInstance start(Map<String, String> overrides) {
		if (overrides.isEmpty()) {
			throw new IllegalArgumentException("An instance with the default properties is SecondInstance.shared()");
		}
		return launch(overrides, false);
	}

	/**
	 * An instance with these properties that lives as long as the JVM, for properties
	 * several test classes share; tests must not close it.
	 */
	static SecondInstance startLifelong(Map<String, String> overrides) {
		return launch(overrides, true);
	}

	/**
	 * Like {@link #start(Map)}, leaving out some of the test infrastructure's properties
	 * so that the application's own defaults apply to them.
	 */
	public static SecondInstance start(Map<String, String> overrides, Set<String> defaulted) {
		return launch(overrides, defaulted, false);
	}

	/**
	 * An instance that sees these operating-system environment variables on top of the
	 * real ones (as Boot's platform detection reads them, e.g.
	 * {@code KUBERNETES_SERVICE_HOST}).
	 */
	public static SecondInstance start(Map<String, String> overrides, Map<String, String> environmentVariables) {
		return launch(overrides, Set.of(), false, environmentVariables);
	}

	private static SecondInstance launch(Map<String, String> overrides, boolean lifelong) {
		return launch(overrides, Set.of(), lifelong);
	}

	private static SecondInstance launch(Map<String, String> overrides, Set<String> defaulted, boolean lifelong) {
		return launch(overrides, defaulted, lifelong, Map.of());
	}

	private static SecondInstance launch(Map<String, String> overrides, Set<String> defaulted, boolean lifelong,
			Map<String, String> environmentVariables) {
		Map<String, Object> properties = new HashMap<>(TestInfrastructure.get().properties());
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.putAll(overrides);
		properties.keySet().removeAll(defaulted);
		// As command-line arguments, so that they win over application.yaml as a
		// deployment's environment would (default properties would lose to it: the
		// management port, for one).
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(PortcullisApplication.class)
			.initializers(SecondInstance::initialize);
		if (!environmentVariables.isEmpty()) {
			builder.environment(environmentWith(environmentVariables));
		}
		return new SecondInstance(builder.run(arguments), lifelong);
	}

	private static StandardEnvironment environmentWith(Map<String, String> environmentVariables) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> variables = new HashMap<>(System.getenv());
		variables.putAll(environmentVariables);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

	/**
	 * The JVM's shared clock, and event loops of its own: with Reactor Netty's global
	 * resources, closing one instance would stop the server of every other.
	 */
	private static void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("testClock", MutableClock.shared());
		((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition("ownReactorResources",
				BeanDefinitionBuilder.rootBeanDefinition(ReactorResourceFactory.class)
					.addPropertyValue("useGlobalResources", false)
					.getBeanDefinition());
	}

	public WebTestClient http() {
		// As patient as the first instance's client: this machine's cores may be shared.
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port())
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** A client of this instance's management server ({@code /actuator}). */
	public WebTestClient management() {
		return TestInfrastructure.managementClient("http://localhost:" + managementPort());
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

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		if (this.lifelong) {
			throw new IllegalStateException("This instance lives as long as the JVM");
		}
		this.context.close();
	}

}
