package dev.portcullis.email;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing mail, verification and password reset.
 *
 * @param from sender of every mail, an address or {@code Name <address>}; default
 * {@code no-reply@localhost}
 * @param verification email verification
 * @param passwordReset password reset links
 * @param outbox delivery from the outbox
 * @param transport how mail leaves: {@code auto} (default: SMTP when
 * {@code spring.mail.host} is set, the log only in the {@code local} profile, otherwise
 * startup fails), {@code smtp}, or {@code log} (writes every mail, reset links included,
 * to the log: development only)
 */
@Validated
@ConfigurationProperties("portcullis.email")
public record EmailProperties(@DefaultValue("no-reply@localhost") @NotBlank String from,
		@DefaultValue @Valid Verification verification, @DefaultValue @Valid PasswordReset passwordReset,
		@DefaultValue @Valid Outbox outbox, @DefaultValue("auto") Transport transport) {

	/** See {@code transport} above. */
	public enum Transport {

		AUTO, SMTP, LOG

	}

	/**
	 * @param required refuse sign-in with {@code 403 email_not_verified} until the
	 * address is verified; default {@code false}
	 * @param ttl lifetime of a verification link; default 24h
	 * @param redirectUrl where {@code GET /v1/auth/verify-email} sends the browser, with
	 * {@code ?status=verified|expired|invalid}; default none (the link answers JSON)
	 */
	public record Verification(@DefaultValue("false") boolean required, @DefaultValue("24h") Duration ttl,
			URI redirectUrl) {

	}

	/**
	 * @param url the page reset links open, with {@code ?token=}; default
	 * {@code {public-url}/account/reset-password}
	 * @param ttl lifetime of a reset link; default 30m
	 */
	public record PasswordReset(URI url, @DefaultValue("30m") Duration ttl) {

	}

	/**
	 * @param pollInterval how often each instance looks for due mail; default 5s
	 * @param batchSize how many messages one poll claims; default 20
	 * @param lease how long a claimed message is reserved for the instance sending it;
	 * after that another instance may send it again (at least once); default 2m
	 * @param initialBackoff wait before the first retry, doubled after every failure;
	 * default 30s
	 * @param maxBackoff longest wait between retries; default 30m
	 * @param giveUpAfter a message still undelivered this long after it was queued is
	 * given up; default 3d
	 * @param retention sent and given-up messages are deleted this long after they were
	 * queued, and used-up tokens this long after they expired; default 7d
	 */
	public record Outbox(@DefaultValue("5s") Duration pollInterval, @DefaultValue("20") @Min(1) @Max(500) int batchSize,
			@DefaultValue("2m") Duration lease, @DefaultValue("30s") Duration initialBackoff,
			@DefaultValue("30m") Duration maxBackoff, @DefaultValue("3d") Duration giveUpAfter,
			@DefaultValue("7d") Duration retention) {

	}

}
