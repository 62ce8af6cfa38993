package dev.portcullis.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OffloaderTests {

	@Test
	void queueDepthActiveTasksAndRejectionsAreMeasured() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Offloader offloader = new Offloader(meters, 1, 1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch running = new CountDownLatch(1);
		try {
			Disposable busy = offloader.call(() -> {
				running.countDown();
				return release.await(30, TimeUnit.SECONDS);
			}).subscribe();
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
			Disposable waiting = offloader.call(() -> "queued").subscribe();

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(meters.get("portcullis.offload.queued").gauge().value()).isEqualTo(1));
			assertThat(meters.get("portcullis.offload.active").gauge().value()).isEqualTo(1);
			StepVerifier.create(offloader.call(() -> "refused"))
				.expectError(RejectedExecutionException.class)
				.verify(Duration.ofSeconds(5));
			assertThat(meters.get("portcullis.offload.rejected").counter().count()).isEqualTo(1);
			assertThat(meters.get("portcullis.offload.queued").gauge().value()).isEqualTo(1);

			release.countDown();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(meters.get("portcullis.offload.queued").gauge().value()).isZero());
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(meters.get("portcullis.offload.active").gauge().value()).isZero());
			busy.dispose();
			waiting.dispose();
		}
		finally {
			release.countDown();
			offloader.destroy();
		}
	}

}
