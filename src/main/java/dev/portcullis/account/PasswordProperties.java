package dev.portcullis.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code portcullis.password.*}: password rules and how passwords are hashed.
 *
 * @param minLength default 8
 * @param maxLength default 128 (bounds the hashing cost of a hostile input)
 * @param minStrength zxcvbn score 0–4 a password must reach; default 2
 * @param argon2 the Argon2id cost; defaults are Spring Security 5.8's (16MB, 2
 * iterations, parallelism 1, 16-byte salt, 32-byte hash)
 */
@Validated
@ConfigurationProperties("portcullis.password")
record PasswordProperties(@DefaultValue("8") int minLength, @DefaultValue("128") int maxLength,
		@DefaultValue("false") boolean requireUppercase, @DefaultValue("false") boolean requireLowercase,
		@DefaultValue("false") boolean requireDigit, @DefaultValue("false") boolean requireSymbol,
		@DefaultValue("2") int minStrength, @DefaultValue @Valid Argon2 argon2) {

	/**
	 * Argon2id parameters (RFC 9106). They apply to new hashes only: every stored hash
	 * carries its own parameters, so a change never breaks existing passwords.
	 *
	 * @param memory memory per hash; default 16MB (16,384 KiB). At least 8 KiB per lane.
	 * @param iterations passes over the memory; default 2
	 * @param parallelism lanes; default 1
	 * @param saltLength random salt per hash, in bytes; default 16
	 * @param hashLength output length, in bytes; default 32
	 */
	public record Argon2(@DefaultValue("16MB") @NotNull DataSize memory, @DefaultValue("2") @Min(1) int iterations,
			@DefaultValue("1") @Min(1) int parallelism, @DefaultValue("16") @Min(8) int saltLength,
			@DefaultValue("32") @Min(16) int hashLength) {

		/** The defaults, as a user who configures nothing gets them. */
		public static final Argon2 DEFAULTS = new Argon2(DataSize.ofMegabytes(16), 2, 1, 16, 32);

		/** Argon2 needs 8 KiB of memory for each lane. */
		@AssertTrue(message = "memory must be at least 8KB per lane (parallelism)")
		public boolean isMemoryEnoughForParallelism() {
			return this.memory == null || this.memory.toKilobytes() >= 8L * this.parallelism;
		}

	}

	PasswordProperties {
		if (minLength < 1 || minLength > maxLength) {
			throw new IllegalArgumentException("portcullis.password.min-length (" + minLength
					+ ") must be at least 1 and at most portcullis.password.max-length (" + maxLength + ")");
		}
		if (minStrength < 0 || minStrength > 4) {
			throw new IllegalArgumentException(
					"portcullis.password.min-strength must be a zxcvbn score from 0 to 4 (was " + minStrength + ")");
		}
	}

}
