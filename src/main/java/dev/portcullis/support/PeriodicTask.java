package dev.portcullis.support;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Background work that runs every {@code interval} on each instance while the application
 * runs: as a subscription, never on a blocked thread. Runs never overlap (a tick that
 * comes while the previous run is still going is dropped), and a failed run is logged and
 * retried at the next tick. Starts with the context and stops before the web server and
 * connection pools go away.
 */
public abstract class PeriodicTask implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicTask.class);

	private final String name;

	private final Duration initialDelay;

	private final Duration interval;

	private volatile Disposable running;

	protected PeriodicTask(String name, Duration initialDelay, Duration interval) {
		this.name = name;
		this.initialDelay = initialDelay;
		this.interval = interval;
	}

	/** One run; its errors are logged and the next tick runs again. */
	protected abstract Mono<?> runOnce();

	@Override
	public void start() {
		this.running = Flux.interval(this.initialDelay, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> runOnce().onErrorResume((ex) -> {
				logger.warn("{} failed; the next run retries: {}", this.name, ex.toString());
				return Mono.empty();
			}), 0)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	/**
	 * Below the web server's phases: on shutdown the server first stops taking requests
	 * and lets in-flight ones finish (graceful shutdown), and only then do the pollers
	 * stop, so that work a request queued (a mail in the outbox) is still picked up.
	 */
	@Override
	public int getPhase() {
		return SHUTDOWN_AFTER_WEB_SERVER;
	}

	/** A phase that stops after the web server's graceful shutdown and stop. */
	public static final int SHUTDOWN_AFTER_WEB_SERVER = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 4096;

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
