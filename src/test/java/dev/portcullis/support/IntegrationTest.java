package dev.portcullis.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of HTTP integration tests: the whole gateway on a real port against this run's
 * PostgreSQL database and Redis prefix (see {@link TestInfrastructure}). All subclasses
 * share one application context; tests isolate themselves with unique emails. The clock
 * stands at {@link MutableClock#START} at the start of every test; mail is delivered when
 * a test reads its {@link #mail} (no poll to wait for).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Import(IntegrationTest.TestClockConfiguration.class)
public abstract class IntegrationTest {

	@Autowired
	protected WebTestClient http;

	@Autowired
	protected MutableClock clock;

	/** The mail this instance sends. */
	protected Mailbox mail;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void mailbox() {
		this.mail = new Mailbox(this.context);
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	/** A client of the management server ({@code /actuator}), which has its own port. */
	protected WebTestClient management() {
		return TestInfrastructure.managementClient(TestInfrastructure.get().managementUrl());
	}

	protected AuthClient auth() {
		return new AuthClient(this.http);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClockConfiguration {

		@Bean
		@Primary
		MutableClock testClock() {
			return MutableClock.shared();
		}

		/**
		 * Keeps finished spans in memory. Only traces a test asks for are sampled (a
		 * {@code traceparent} with the sampled flag), so the suite's other requests leave
		 * nothing here.
		 */
		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
