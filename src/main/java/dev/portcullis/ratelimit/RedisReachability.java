package dev.portcullis.ratelimit;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import reactor.core.Disposable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

/**
 * Whether Redis is reachable, from the client's own connection events rather than from
 * how long an answer took: a connection Lettuce has activated and not yet lost counts as
 * reachable. The limiter fails open (or closed, per policy) only when Redis is
 * unreachable; a slow answer on a live connection (typically the gateway's own CPU
 * saturated) is not an outage, and must never switch limits off.
 */
@Component
class RedisReachability implements DisposableBean {

	private final AtomicInteger active = new AtomicInteger();

	private final Disposable subscription;

	RedisReachability(ClientResources resources) {
		this.subscription = resources.eventBus().get().subscribe((event) -> {
			if (event instanceof ConnectionActivatedEvent) {
				this.active.incrementAndGet();
			}
			else if (event instanceof ConnectionDeactivatedEvent) {
				this.active.updateAndGet((count) -> Math.max(0, count - 1));
			}
		});
	}

	/**
	 * True when this failure means Redis cannot be reached: no live connection (Lettuce
	 * rejects commands while disconnected), or any failure but a timeout (refused, reset,
	 * closed under a command: a killed server fails in-flight commands before Lettuce
	 * reports the connection lost). Only a timeout on a live connection (a late answer,
	 * typically the gateway's own CPU saturated) counts as reachable.
	 */
	boolean unreachable(Throwable failure) {
		if (this.active.get() == 0) {
			return true;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof RedisCommandTimeoutException
					|| cause instanceof QueryTimeoutException) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void destroy() {
		this.subscription.dispose();
	}

}
