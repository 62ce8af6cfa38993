package dev.portcullis.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the Redis client behaves while Redis is away, so that the limiter answers fast and
 * recovers soon. While disconnected, commands fail at once instead of queueing until the
 * timeout (a queue that grows with the outage); reconnection is retried with a backoff
 * capped at two seconds rather than Lettuce's thirty, so limiting resumes within about
 * two seconds of Redis coming back.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientResilience {

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	ClientResourcesBuilderCustomizer shortReconnectBackoff() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
	}

}
