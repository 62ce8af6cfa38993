package dev.portcullis.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Gauges of the key that signs, as of the ring's last load:
 * {@code portcullis.signing.key.age} (seconds since it became active) and
 * {@code portcullis.signing.key.next.rotation} (seconds until its successor is due to
 * take over; negative when a rotation is overdue, which an alert watches). Both are NaN
 * until the first load.
 */
@Component
class SigningKeyMetrics {

	private final AtomicReference<SigningKey> signing = new AtomicReference<>();

	private final Clock clock;

	private final Duration rotationPeriod;

	SigningKeyMetrics(MeterRegistry meters, Clock clock, SigningKeyProperties properties) {
		this.clock = clock;
		this.rotationPeriod = properties.rotationPeriod();
		Gauge.builder("portcullis.signing.key.age", this, SigningKeyMetrics::ageSeconds)
			.baseUnit("seconds")
			.description("Time since the signing key became active")
			.register(meters);
		Gauge.builder("portcullis.signing.key.next.rotation", this, SigningKeyMetrics::nextRotationSeconds)
			.baseUnit("seconds")
			.description("Time until the signing key's successor is due; negative when overdue")
			.register(meters);
	}

	void observe(KeySet keys) {
		this.signing.set(keys.signing());
	}

	/**
	 * Never negative: when the clock stands before every key's activation (a clock
	 * stepped back), the earliest key signs (see {@link KeySet}) and counts as just
	 * activated.
	 */
	private double ageSeconds() {
		SigningKey key = this.signing.get();
		return (key != null) ? Math.max(0, seconds(key.activatesAt(), this.clock.instant())) : Double.NaN;
	}

	private double nextRotationSeconds() {
		SigningKey key = this.signing.get();
		return (key != null) ? seconds(this.clock.instant(), key.activatesAt().plus(this.rotationPeriod)) : Double.NaN;
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toMillis() / 1000.0;
	}

}
