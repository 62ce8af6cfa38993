package dev.portcullis.account;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code portcullis.password.hashing.*}: the pool Argon2 runs on and how long a request
 * may wait for it.
 *
 * @param threads hashing threads; default 0, meaning one per available processor
 * @param maxQueueTime how long a hash may wait for a thread; past it the request answers
 * {@code 503 overloaded} with {@code Retry-After} instead of queueing on; default 2s
 * @param maxQueued hashes waiting at most; beyond, refused at once; default 1000
 */
@Validated
@ConfigurationProperties("portcullis.password.hashing")
public record HashingProperties(@DefaultValue("0") @Min(0) int threads, @DefaultValue("2s") Duration maxQueueTime,
		@DefaultValue("1000") @Min(1) int maxQueued) {

	int effectiveThreads() {
		return (this.threads > 0) ? this.threads : Math.max(1, Runtime.getRuntime().availableProcessors());
	}

}
