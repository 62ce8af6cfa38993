package dev.portcullis.operations;

import org.junit.jupiter.api.Test;

import dev.portcullis.support.IntegrationTest;

/**
 * Actuator lives on {@code management.server.port}: the public port knows nothing of it.
 */
class ManagementPortIntegrationTests extends IntegrationTest {

	@Test
	void actuatorIsServedOnTheManagementPort() {
		management().get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
	}

	@Test
	void publicPortAnswers404ForEveryActuatorPath() {
		for (String path : new String[] { "/actuator", "/actuator/health", "/actuator/health/readiness",
				"/actuator/prometheus", "/actuator/info", "/actuator/env" }) {
			this.http.get().uri(path).exchange().expectStatus().isNotFound();
		}
	}

	@Test
	void livenessIsTheProcessAndReadinessIsTheProcessAndPostgres() {
		management().get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.livenessState.status")
			.isEqualTo("UP")
			.jsonPath("$.components.length()")
			.isEqualTo(1);
		management().get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.readinessState.status")
			.isEqualTo("UP")
			.jsonPath("$.components.r2dbc.status")
			.isEqualTo("UP")
			.jsonPath("$.components.redis")
			.doesNotExist()
			.jsonPath("$.components.mail")
			.doesNotExist();
	}

	@Test
	void dependenciesGroupShowsPostgresRedisAndMail() {
		management().get()
			.uri("/actuator/health/dependencies")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.r2dbc.status")
			.isEqualTo("UP")
			.jsonPath("$.components.redis.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mail.status")
			.isEqualTo("UP");
	}

}
