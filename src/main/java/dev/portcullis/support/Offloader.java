package dev.portcullis.support;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs CPU-heavy or blocking work (password hashing, SMTP, QR rendering) on one bounded
 * pool so that it never runs on an event-loop thread. Bounded at two threads per core
 * with a bounded queue: under a flood of sign-ins the queue fills and callers are refused
 * instead of the gateway running out of memory.
 * <p>
 * Metrics: {@code portcullis.offload.queued} (tasks waiting for a thread),
 * {@code portcullis.offload.active} (tasks running), {@code portcullis.offload.capacity}
 * (threads and queue slots) and {@code portcullis.offload.rejected} (tasks refused
 * because the queue was full; each became a 503).
 */
@Component
public class Offloader implements DisposableBean {

	static final int QUEUE_CAPACITY = 10_000;

	private final int threads;

	private final int queueCapacity;

	private final Scheduler scheduler;

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicInteger active = new AtomicInteger();

	private final Counter rejected;

	@Autowired
	public Offloader(MeterRegistry meters) {
		this(meters, Math.max(2, Runtime.getRuntime().availableProcessors() * 2), QUEUE_CAPACITY);
	}

	Offloader(MeterRegistry meters, int threads, int queueCapacity) {
		this.threads = threads;
		this.queueCapacity = queueCapacity;
		this.scheduler = Schedulers.newBoundedElastic(threads, queueCapacity, "portcullis-offload", 60, true);
		Gauge.builder("portcullis.offload.queued", this.queued, AtomicInteger::get)
			.description("Offloaded tasks waiting for a thread")
			.register(meters);
		Gauge.builder("portcullis.offload.active", this.active, AtomicInteger::get)
			.description("Offloaded tasks running")
			.register(meters);
		Gauge.builder("portcullis.offload.capacity", () -> this.threads)
			.tag("kind", "threads")
			.description("Threads and queue slots of the offload pool")
			.register(meters);
		Gauge.builder("portcullis.offload.capacity", () -> this.queueCapacity).tag("kind", "queue").register(meters);
		this.rejected = Counter.builder("portcullis.offload.rejected")
			.description("Offloaded tasks refused because the queue was full")
			.register(meters);
	}

	public <T> Mono<T> call(Callable<T> work) {
		return Mono.defer(() -> {
			AtomicBoolean started = new AtomicBoolean();
			this.queued.incrementAndGet();
			return Mono.fromCallable(() -> {
				if (started.compareAndSet(false, true)) {
					this.queued.decrementAndGet();
				}
				this.active.incrementAndGet();
				try {
					return work.call();
				}
				finally {
					this.active.decrementAndGet();
				}
			})
				.subscribeOn(this.scheduler)
				.doOnError(RejectedExecutionException.class, (ex) -> this.rejected.increment())
				// refused or cancelled before a thread took it
				.doFinally((signal) -> {
					if (started.compareAndSet(false, true)) {
						this.queued.decrementAndGet();
					}
				});
		});
	}

	public Mono<Void> run(Runnable work) {
		return call(() -> {
			work.run();
			return null;
		}).then();
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
	}

}
