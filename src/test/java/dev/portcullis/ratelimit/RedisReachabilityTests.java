package dev.portcullis.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which limiter failures count as "Redis unreachable" (the fail-open policy applies) and
 * which as a late answer on a live connection (always 503).
 */
class RedisReachabilityTests {

	private final ClientResources resources = ClientResources.create();

	private final RedisReachability reachability = new RedisReachability(this.resources);

	@AfterEach
	void stop() {
		this.reachability.destroy();
		this.resources.shutdown();
	}

	@Test
	void withoutALiveConnectionEveryFailureIsUnreachable() {
		assertThat(this.reachability.unreachable(new TimeoutException())).isTrue();
	}

	@Test
	void onALiveConnectionATimeoutIsALateAnswerButAClosedConnectionIsUnreachable() {
		this.resources.eventBus()
			.publish(new ConnectionActivatedEvent(new InetSocketAddress("127.0.0.1", 50000),
					new InetSocketAddress("127.0.0.1", 6379)));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !this.reachability.unreachable(new TimeoutException("did not answer in time")));

		assertThat(this.reachability.unreachable(new RedisCommandTimeoutException("late"))).isFalse();
		assertThat(this.reachability.unreachable(new QueryTimeoutException("late", new TimeoutException()))).isFalse();
		// a killed server fails in-flight commands before Lettuce reports the connection
		// lost
		assertThat(this.reachability.unreachable(new RedisException("Connection closed"))).isTrue();
	}

}
