package dev.portcullis.mfa;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.Offloader;

/**
 * Checks TOTP codes against a user's secret and accepts each at most once: the matching
 * step must be later than the last step accepted for the user, decided by one conditional
 * update ({@link TotpSecrets#claimStep}). So a replayed code, or a code from an older
 * step than one already used, is refused on every instance, and of two identical codes
 * arriving together exactly one succeeds.
 */
@Component
class TotpVerifier {

	private static final Pattern SIX_DIGITS = Pattern.compile("\\d{" + Totp.DIGITS + "}");

	private final Totp totp = new Totp();

	private final TotpSecrets secrets;

	private final Offloader offloader;

	private final Clock clock;

	TotpVerifier(TotpSecrets secrets, Offloader offloader, Clock clock) {
		this.secrets = secrets;
		this.offloader = offloader;
		this.clock = clock;
	}

	static boolean looksLikeTotp(String code) {
		return SIX_DIGITS.matcher(code).matches();
	}

	/** Whether the code is a fresh, valid code of the user's confirmed secret. */
	Mono<Boolean> verifyConfirmed(UUID userId, String code) {
		return matchingStep(userId, code, true).flatMap((step) -> this.secrets.claimStep(userId, step))
			.defaultIfEmpty(false);
	}

	/**
	 * Whether the code is a valid code of the user's pending secret; if so the secret is
	 * confirmed and 2FA turned on, atomically.
	 */
	Mono<Boolean> confirmPending(UUID userId, String code) {
		return matchingStep(userId, code, false)
			.flatMap((step) -> this.secrets.confirm(userId, step, this.clock.instant()))
			.defaultIfEmpty(false);
	}

	/**
	 * The step the code belongs to, if it matches the secret in the window and is later
	 * than the last step used. HMACs run on the offload pool with the rest of the CPU
	 * work.
	 */
	private Mono<Long> matchingStep(UUID userId, String code, boolean confirmed) {
		if (!looksLikeTotp(code)) {
			return Mono.empty();
		}
		return this.secrets.find(userId)
			.filter((stored) -> stored.confirmed() == confirmed)
			.flatMap((stored) -> this.offloader
				.call(() -> this.totp.matchingStep(stored.secret(), code, this.clock.instant()))
				.filter(OptionalLong::isPresent)
				.map(OptionalLong::getAsLong)
				.filter((step) -> stored.lastUsedStep() == null || step > stored.lastUsedStep()));
	}

}
