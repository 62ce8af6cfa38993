package dev.portcullis.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

import dev.portcullis.session.SessionStatusCache;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.PeriodicTask;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown order: the web server's graceful shutdown (in-flight requests finish) and its
 * stop come before the background work stops. Lifecycle beans stop from the highest phase
 * down.
 */
class ShutdownOrderIntegrationTests extends IntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ApplicationAvailability availability;

	@Test
	void pollersAndTheRevocationListenerStopAfterTheWebServer() {
		Map<String, SmartLifecycle> lifecycles = this.context.getBeansOfType(SmartLifecycle.class);
		int webServer = lifecycles.values()
			.stream()
			.filter((bean) -> bean.getClass().getName().startsWith("org.springframework.boot.web.server"))
			.mapToInt(SmartLifecycle::getPhase)
			.min()
			.orElseThrow();
		assertThat(lifecycles.values()).filteredOn((bean) -> bean instanceof PeriodicTask)
			.isNotEmpty()
			.allSatisfy((task) -> assertThat(task.getPhase()).isLessThan(webServer));
		assertThat(this.context.getBean(SessionStatusCache.class).getPhase()).isLessThan(webServer);
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

}
