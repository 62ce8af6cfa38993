package dev.portcullis.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Session meters beyond the simple counters: {@code portcullis.sessions.active} (a gauge
 * the sweep refreshes, so a scrape never queries the database),
 * {@code portcullis.sessions.expired} and the {@code portcullis.sessions.duration}
 * histogram (sign-in to revocation or expiry, tagged {@code end=revoked|expired}).
 */
@Component
class SessionMetrics {

	private final MeterRegistry meters;

	private final AtomicLong active = new AtomicLong();

	SessionMetrics(MeterRegistry meters) {
		this.meters = meters;
		Gauge.builder("portcullis.sessions.active", this.active, AtomicLong::get)
			.description("Sessions neither revoked nor expired, as of the last sweep")
			.register(meters);
	}

	void active(long count) {
		this.active.set(count);
	}

	void expired(Instant createdAt, Instant expiresAt) {
		this.meters.counter("portcullis.sessions.expired").increment();
		duration("expired", createdAt, expiresAt);
	}

	void revoked(Instant createdAt, Instant revokedAt) {
		duration("revoked", createdAt, revokedAt);
	}

	private void duration(String end, Instant from, Instant to) {
		Timer.builder("portcullis.sessions.duration")
			.description("How long sessions lasted, from sign-in to their end")
			.tag("end", end)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMinutes(1))
			.maximumExpectedValue(Duration.ofDays(90))
			.register(this.meters)
			.record(Duration.between(from, to));
	}

}
