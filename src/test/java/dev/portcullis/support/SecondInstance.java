package dev.portcullis.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.PortcullisApplication;

/** Another gateway instance on the same PostgreSQL and Redis, on its own port. */
public final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static SecondInstance start(Map<String, String> overrides) {
		Map<String, Object> properties = new HashMap<>(TestInfrastructure.get().properties());
		properties.put("server.port", "0");
		properties.putAll(overrides);
		return new SecondInstance(
				new SpringApplicationBuilder(PortcullisApplication.class).properties(properties).run());
	}

	public WebTestClient http() {
		// As patient as the first instance's client: this machine's cores may be shared.
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port())
			.responseTimeout(Duration.ofSeconds(30))
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
