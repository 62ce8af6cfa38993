package dev.portcullis.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tests' clock: it stands still at {@link #START} until a test moves it, so a test
 * can assert exact instants and expiries. One per JVM, shared by every application
 * instance of the run (the test context and each {@link SecondInstance}), as the
 * instances of a real deployment share the wall clock.
 */
public final class MutableClock extends Clock {

	/** Where the clock stands at the start of every test. */
	public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final MutableClock SHARED = new MutableClock();

	private volatile Instant now = START;

	private MutableClock() {
	}

	public static MutableClock shared() {
		return SHARED;
	}

	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	/** Back to {@link #START}. */
	public void reset() {
		this.now = START;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
