package dev.portcullis.account;

import java.util.Map;
import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.portcullis.crypto.Tokens;
import dev.portcullis.support.ProblemException;

/**
 * Argon2id password hashing with the cost of {@code portcullis.password.argon2.*}
 * (defaults: Spring Security 5.8's, 16 MiB, 2 iterations; stored hashes carry their own
 * parameters, so they keep verifying after the cost changes), on a pool of its own
 * ({@code portcullis.password.hashing.*}): one hash costs tens of milliseconds of CPU and
 * must never run on an event-loop thread, nor hold up mail or other offloaded work.
 * <p>
 * The queue is bounded by time: a hash that waited longer than {@code max-queue-time} for
 * a thread is not computed, and the request answers {@code 503 overloaded} with
 * {@code Retry-After}. Under a flood of sign-ins latency stays bounded (the wait plus one
 * hash) instead of growing with the queue, and everything that does not hash (session
 * checks, refresh) is unaffected.
 */
@Component
public class PasswordHasher implements DisposableBean {

	private final Argon2PasswordEncoder encoder;

	private final Scheduler pool;

	private final long maxQueueNanos;

	/** Compared against when an email is unknown, so the answer costs the same time. */
	private final Mono<String> dummyHash;

	PasswordHasher(PasswordProperties properties, HashingProperties hashing) {
		PasswordProperties.Argon2 argon2 = properties.argon2();
		this.encoder = new Argon2PasswordEncoder(argon2.saltLength(), argon2.hashLength(), argon2.parallelism(),
				Math.toIntExact(argon2.memory().toKilobytes()), argon2.iterations());
		this.pool = Schedulers.newBoundedElastic(hashing.effectiveThreads(), hashing.maxQueued(), "portcullis-hash", 60,
				true);
		this.maxQueueNanos = hashing.maxQueueTime().toNanos();
		this.dummyHash = Mono.fromCallable(() -> this.encoder.encode(Tokens.random())).subscribeOn(this.pool).cache();
	}

	public Mono<String> hash(String password) {
		return onPool(() -> this.encoder.encode(password));
	}

	public Mono<Boolean> matches(String password, String hash) {
		return onPool(() -> this.encoder.matches(password, hash));
	}

	/** Spends the same work as a real comparison and always answers {@code false}. */
	public Mono<Boolean> matchesNothing(String password) {
		return this.dummyHash.flatMap((hash) -> matches(password, hash)).thenReturn(false);
	}

	private <T> Mono<T> onPool(Callable<T> work) {
		return Mono.defer(() -> {
			long queued = System.nanoTime();
			return Mono.fromCallable(() -> {
				if (System.nanoTime() - queued > this.maxQueueNanos) {
					throw AccountProblems.overloaded();
				}
				return work.call();
			}).subscribeOn(this.pool);
		});
	}

	@Override
	public void destroy() {
		this.pool.dispose();
	}

}
