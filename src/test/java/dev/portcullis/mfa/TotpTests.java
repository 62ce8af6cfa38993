package dev.portcullis.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTests {

	/** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
	private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@CsvSource({ "59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
			"2000000000, 69279037", "20000000000, 65353130" })
	void matchesTheRfc6238ReferenceVectorsForSha1(long unixSeconds, String expected) {
		Totp eightDigits = new Totp(8);
		assertThat(eightDigits.codeAt(RFC_SEED, Totp.stepAt(Instant.ofEpochSecond(unixSeconds)))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
			"20000000000, 353130" })
	void sixDigitCodesAreTheLastSixDigitsOfTheReferenceVectors(long unixSeconds, String expected) {
		assertThat(new Totp().codeAt(RFC_SEED, Totp.stepAt(Instant.ofEpochSecond(unixSeconds)))).isEqualTo(expected);
	}

	@Test
	void stepsAreThirtySecondsFromTheEpoch() {
		assertThat(Totp.stepAt(Instant.ofEpochSecond(59))).isEqualTo(1);
		assertThat(Totp.stepAt(Instant.ofEpochSecond(60))).isEqualTo(2);
		assertThat(Totp.stepAt(Instant.ofEpochSecond(1111111109))).isEqualTo(0x23523EC);
	}

	@Test
	void acceptsTheCurrentStepAndOneStepEitherSide() {
		Totp totp = new Totp();
		Instant now = Instant.ofEpochSecond(1_700_000_000L);
		long current = Totp.stepAt(now);
		for (long step = current - 1; step <= current + 1; step++) {
			assertThat(totp.matchingStep(RFC_SEED, totp.codeAt(RFC_SEED, step), now)).hasValue(step);
		}
	}

	@Test
	void refusesCodesTwoStepsAwayAndOtherSecrets() {
		Totp totp = new Totp();
		Instant now = Instant.ofEpochSecond(1_700_000_000L);
		long current = Totp.stepAt(now);
		assertThat(totp.matchingStep(RFC_SEED, totp.codeAt(RFC_SEED, current - 2), now)).isEmpty();
		assertThat(totp.matchingStep(RFC_SEED, totp.codeAt(RFC_SEED, current + 2), now)).isEmpty();
		byte[] other = "another secret value".getBytes(StandardCharsets.US_ASCII);
		assertThat(totp.matchingStep(other, totp.codeAt(RFC_SEED, current), now)).isEmpty();
	}

}
