package dev.portcullis.web;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;

import dev.portcullis.support.ProblemException;

/**
 * Recognises a database that cannot be reached (restart, failover, network cut, a pool
 * that cannot hand out a connection within {@code spring.r2dbc.pool.max-acquire-time})
 * and answers it as {@code 503 service_unavailable} with {@code Retry-After}: the request
 * may succeed when retried, unlike a {@code 500}. The pool replaces broken connections by
 * itself, so the gateway recovers without a restart (see docs/reliability.md). Constraint
 * violations and SQL errors are not outages and stay {@code 500}.
 */
final class DatabaseOutage {

	/** Seconds a client waits before retrying: a restart or failover takes a few. */
	static final String RETRY_AFTER_SECONDS = "5";

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOutage.class);

	private static final long WARN_INTERVAL_MILLIS = 10_000;

	private static final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE / 2);

	private DatabaseOutage() {
	}

	static boolean isCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof CannotCreateTransactionException || cause instanceof QueryTimeoutException
					|| cause instanceof R2dbcNonTransientResourceException
					|| cause instanceof R2dbcTransientResourceException || cause instanceof R2dbcTimeoutException
					|| cause instanceof TimeoutException || cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The answer to a request that failed on an outage; a warning is logged at most every
	 * ten seconds, since during an outage every request fails the same way.
	 */
	static ProblemException problem(Throwable ex) {
		long now = System.currentTimeMillis();
		long last = lastWarning.get();
		if (now - last >= WARN_INTERVAL_MILLIS && lastWarning.compareAndSet(last, now)) {
			logger.warn("Database unavailable; answering 503 service_unavailable: {}", ex.toString());
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
				"The service is temporarily unavailable; try again shortly.", Map.of(), headers);
	}

}
