package dev.portcullis.ratelimit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.convert.DurationStyle;

/**
 * At most {@code limit} requests in any {@code window}, written {@code count/window} as
 * in {@code 20/10m} (the window takes Spring's duration forms: {@code 30s}, {@code 10m},
 * {@code 1h}, {@code PT10M}).
 */
public record Rate(long limit, Duration window) {

	public Rate {
		if (limit < 1) {
			throw new IllegalArgumentException("A rate allows at least one request, not " + limit);
		}
		if (window.toMillis() < 1) {
			throw new IllegalArgumentException("A rate's window is at least one millisecond, not " + window);
		}
	}

	/** Parses {@code count/window}; also what binds the configuration properties. */
	public static Rate valueOf(String value) {
		String[] parts = value.trim().split("/", 2);
		if (parts.length != 2) {
			throw new IllegalArgumentException("A rate is count/window, such as 20/10m, not " + value);
		}
		return new Rate(Long.parseLong(parts[0].trim()), DurationStyle.detectAndParse(parts[1].trim()));
	}

	/** {@code 20/10m}: the window in the largest unit that divides it. */
	@Override
	public String toString() {
		long millis = this.window.toMillis();
		for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
				ChronoUnit.SECONDS }) {
			if (millis % unit.getDuration().toMillis() == 0) {
				return this.limit + "/" + DurationStyle.SIMPLE.print(this.window, unit);
			}
		}
		return this.limit + "/" + millis + "ms";
	}

}
