package dev.portcullis.mfa;

import java.security.InvalidKeyException;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import dev.portcullis.crypto.Tokens;

/**
 * RFC 6238 TOTP with java-otp: HMAC-SHA1, 30-second steps from the Unix epoch, and (by
 * default) 6 digits, which is what every authenticator app reads from an {@code otpauth}
 * URI without parameters. A code is accepted for the current step and one step either
 * side (RFC 6238 §5.2: one step of network delay or clock drift).
 */
final class Totp {

	static final Duration STEP = Duration.ofSeconds(30);

	static final int DIGITS = 6;

	/** Steps accepted either side of the current one. */
	static final int WINDOW = 1;

	private final TimeBasedOneTimePasswordGenerator generator;

	Totp() {
		this(DIGITS);
	}

	Totp(int digits) {
		this.generator = new TimeBasedOneTimePasswordGenerator(STEP, digits,
				TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
	}

	/** The time step an instant falls in: floor(unix seconds / 30). */
	static long stepAt(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP.toSeconds());
	}

	/** The code for a step, zero-padded to the configured number of digits. */
	String codeAt(byte[] secret, long step) {
		try {
			return this.generator.generateOneTimePasswordString(key(secret),
					Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("Unusable TOTP secret", ex);
		}
	}

	/**
	 * The step within the window around {@code now} whose code is {@code code}, if any.
	 * Every step of the window is computed and compared in constant time, so the time
	 * taken says nothing about which step (if any) matched. When a code matches more than
	 * one step (a one-in-a-million coincidence) the latest wins, which only makes the
	 * replay guard stricter.
	 */
	OptionalLong matchingStep(byte[] secret, String code, Instant now) {
		long current = stepAt(now);
		long matched = Long.MIN_VALUE;
		for (long step = current - WINDOW; step <= current + WINDOW; step++) {
			if (Tokens.constantTimeEquals(codeAt(secret, step), code)) {
				matched = step;
			}
		}
		return (matched != Long.MIN_VALUE) ? OptionalLong.of(matched) : OptionalLong.empty();
	}

	private Key key(byte[] secret) {
		return new SecretKeySpec(secret, this.generator.getAlgorithm());
	}

}
