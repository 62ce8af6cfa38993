package dev.portcullis.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** BlockHound is active in this JVM and fails blocking calls on non-blocking threads. */
class BlockHoundTests {

	@Test
	void blockingCallOnAParallelThreadIsCaught() {
		Mono<Long> blocking = Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		StepVerifier.create(blocking).expectErrorMatches((ex) -> ex instanceof BlockingOperationError).verify();
	}

}
