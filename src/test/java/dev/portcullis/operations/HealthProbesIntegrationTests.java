package dev.portcullis.operations;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TcpProxy;
import dev.portcullis.support.TestInfrastructure;

import static org.awaitility.Awaitility.await;

/**
 * One gateway whose Redis port has nothing behind it and whose PostgreSQL is reached
 * through a proxy the test can cut, with the application's own defaults for the API
 * description.
 */
class HealthProbesIntegrationTests {

	private static TcpProxy postgres;

	private static SecondInstance gateway;

	@BeforeAll
	static void start() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		postgres = TcpProxy.to(infrastructure.postgresHost(), infrastructure.postgresPort());
		String database = "127.0.0.1:" + postgres.port() + "/" + infrastructure.database();
		gateway = SecondInstance.start(Map.of("spring.r2dbc.url", "r2dbc:postgresql://" + database, "spring.flyway.url",
				"jdbc:postgresql://" + database, "spring.data.redis.url",
				"redis://127.0.0.1:" + TestInfrastructure.freePort(), "portcullis.rate-limit.fail-open", "true"),
				Set.of("springdoc.api-docs.enabled"));
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void readinessStaysUpWhileRedisIsDownAndTheDependenciesGroupShowsIt() {
		gateway.management()
			.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		gateway.management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		gateway.management()
			.get()
			.uri("/actuator/health/dependencies")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.components.redis.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.r2dbc.status")
			.isEqualTo("UP");
	}

	@Test
	void readinessGoesDownWhilePostgresIsUnreachableAndLivenessStaysUp() {
		try {
			postgres.cut();
			gateway.management()
				.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.components.r2dbc.status")
				.isEqualTo("DOWN");
			gateway.management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		}
		finally {
			postgres.restore();
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> gateway.management()
				.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
	}

	@Test
	void apiDescriptionAndSwaggerUiAreOffByDefault() {
		gateway.http().get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
		gateway.http().get().uri("/swagger-ui.html").exchange().expectStatus().isNotFound();
		gateway.http().get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isNotFound();
	}

}
