package dev.portcullis.token;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.portcullis.support.GatewayProperties;

/**
 * Tells every instance that the signing keys changed out of schedule (an emergency
 * rotation), on the Redis channel {@code <prefix>:signing-keys:changed}: each reloads its
 * ring as the message arrives, and also whenever the subscription is (re-)established,
 * since a message may have been missed meanwhile.
 */
@Component
class SigningKeyChanges implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyChanges.class);

	private final ReactiveStringRedisTemplate redis;

	private final SigningKeyRing ring;

	private final String channel;

	private volatile Disposable subscription;

	SigningKeyChanges(ReactiveStringRedisTemplate redis, SigningKeyRing ring, GatewayProperties gateway) {
		this.redis = redis;
		this.ring = ring;
		this.channel = gateway.redisPrefix() + ":signing-keys:changed";
	}

	Mono<Void> publish() {
		return this.redis.convertAndSend(this.channel, "changed").then().onErrorResume((ex) -> {
			logger.warn("Could not tell the other instances that the signing keys changed; they reload within a "
					+ "minute, or on the first token of a kid they do not know: {}", ex.toString());
			return Mono.empty();
		});
	}

	@Override
	public void start() {
		this.subscription = Flux.defer(() -> this.redis.listenToChannelLater(this.channel))
			.flatMap((messages) -> Flux.merge(reload(), messages.concatMap((message) -> reload())))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
				.maxBackoff(Duration.ofSeconds(5))
				.doBeforeRetry(
						(signal) -> logger.warn("Signing-key channel lost, retrying: {}", signal.failure().toString())))
			.subscribe();
	}

	private Mono<Void> reload() {
		return this.ring.reload().then().onErrorResume((ex) -> {
			logger.warn("Could not reload the signing keys: {}", ex.toString());
			return Mono.empty();
		});
	}

	@Override
	public void stop() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
		this.subscription = null;
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}
