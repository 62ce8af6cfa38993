package dev.portcullis.account;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code portcullis.lockout.*}: consecutive failures that lock an account, and for how
 * long.
 *
 * @param maxFailedAttempts consecutive wrong passwords that lock sign-in; default 5
 * @param duration how long the lock lasts; default 15m
 * @param secondFactor the same for wrong TOTP and backup codes, counted apart; default 5
 * and 15m
 */
@Validated
@ConfigurationProperties("portcullis.lockout")
record LockoutProperties(@DefaultValue("5") @Min(1) int maxFailedAttempts, @DefaultValue("15m") Duration duration,
		@DefaultValue SecondFactor secondFactor) {

	/**
	 * @param maxFailedAttempts default 5
	 * @param duration default 15m
	 */
	public record SecondFactor(@DefaultValue("5") @Min(1) int maxFailedAttempts,
			@DefaultValue("15m") Duration duration) {

	}

}
