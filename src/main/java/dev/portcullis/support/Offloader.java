package dev.portcullis.support;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs CPU-heavy or blocking work (password hashing, SMTP, QR rendering) on one bounded
 * pool so that it never runs on an event-loop thread. Bounded at two threads per core
 * with a bounded queue: under a flood of sign-ins the queue fills and callers are refused
 * instead of the gateway running out of memory.
 */
@Component
public class Offloader implements DisposableBean {

	private final Scheduler scheduler = Schedulers.newBoundedElastic(
			Math.max(2, Runtime.getRuntime().availableProcessors() * 2), 10_000, "portcullis-offload", 60, true);

	public <T> Mono<T> call(Callable<T> work) {
		return Mono.fromCallable(work).subscribeOn(this.scheduler);
	}

	public Mono<Void> run(Runnable work) {
		return Mono.<Void>fromRunnable(work).subscribeOn(this.scheduler);
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
	}

}
