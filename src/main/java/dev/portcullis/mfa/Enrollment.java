package dev.portcullis.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.apache.commons.codec.binary.Base32;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.portcullis.account.Credentials;
import dev.portcullis.account.User;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.session.SessionRevoker;

/**
 * Turning 2FA on: {@link #enable} (password required) creates a pending secret and a set
 * of backup codes and answers them once; {@link #verify} with a code of that secret
 * confirms it, turns 2FA on, ends the user's other sessions (a privilege change) and
 * records {@code two_factor.enabled}. Until verified nothing changes at sign-in, and a
 * new {@code enable} replaces the pending secret and codes (secret and codes are stored
 * in one transaction holding the user's row, so concurrent enables never mix their sets).
 */
@Component
public class Enrollment {

	/** RFC 4226 §4 recommends 160-bit shared secrets. */
	private static final int SECRET_BYTES = 20;

	private final SecureRandom random = new SecureRandom();

	private final Credentials credentials;

	private final TotpSecrets secrets;

	private final BackupCodes backupCodes;

	private final SecondFactor secondFactor;

	private final QrCodes qrCodes;

	private final SessionRevoker revoker;

	private final SecurityEvents events;

	private final TwoFactorProperties properties;

	private final TransactionalOperator transactions;

	private final Clock clock;

	Enrollment(Credentials credentials, TotpSecrets secrets, BackupCodes backupCodes, SecondFactor secondFactor,
			QrCodes qrCodes, SessionRevoker revoker, SecurityEvents events, TwoFactorProperties properties,
			TransactionalOperator transactions, Clock clock) {
		this.credentials = credentials;
		this.secrets = secrets;
		this.backupCodes = backupCodes;
		this.secondFactor = secondFactor;
		this.qrCodes = qrCodes;
		this.revoker = revoker;
		this.events = events;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Starts an enrollment after checking the password: {@code 401 invalid_credentials}
	 * for a wrong one, {@code 409 two_factor_already_enabled} when 2FA is on.
	 */
	public Mono<EnrollmentStarted> enable(User user, String password) {
		return this.credentials.confirm(user, password)
			.filter((checked) -> !checked.twoFactorEnabled())
			.switchIfEmpty(Mono.error(MfaProblems.alreadyEnabled()))
			.flatMap(this::start);
	}

	private Mono<EnrollmentStarted> start(User user) {
		byte[] secret = new byte[SECRET_BYTES];
		this.random.nextBytes(secret);
		List<String> codes = BackupCodeFormat.generate();
		String base32 = new Base32().encodeToString(secret);
		String uri = otpauthUri(user, base32);
		Mono<Void> store = this.secrets.lockUser(user.id())
			.then(Mono.defer(() -> this.secrets.storePending(user.id(), secret, this.clock.instant())))
			.switchIfEmpty(Mono.error(MfaProblems.alreadyEnabled()))
			.then(Mono.defer(() -> this.backupCodes.replace(user.id(), codes, this.clock.instant())));
		return this.transactions.transactional(store)
			.then(Mono.defer(() -> this.qrCodes.pngDataUri(uri)))
			.map((qr) -> new EnrollmentStarted(base32, uri, qr, codes));
	}

	/**
	 * Confirms the pending secret with a TOTP code: {@code 409 two_factor_not_pending}
	 * without a pending enrollment, otherwise false for a wrong code.
	 */
	public Mono<Boolean> verify(User user, String code, EventContext context) {
		return this.secrets.find(user.id())
			.filter((stored) -> !stored.confirmed())
			.switchIfEmpty(Mono.error(MfaProblems::notPending))
			.flatMap((pending) -> this.secondFactor.confirmEnrollment(user.id(), code))
			.flatMap((confirmed) -> confirmed ? enabled(user, context).thenReturn(true) : Mono.just(false));
	}

	private Mono<Void> enabled(User user, EventContext context) {
		return this.revoker.revokeAll(user.id(), context.sessionId(), "two_factor_enabled", context)
			.then(Mono.defer(() -> this.events.record("two_factor.enabled", context)))
			.then();
	}

	/**
	 * The key URI format of Google Authenticator, which every authenticator app reads:
	 * {@code otpauth://totp/Issuer:account?secret=…&issuer=Issuer&algorithm=SHA1&digits=6&period=30}.
	 */
	private String otpauthUri(User user, String base32Secret) {
		String issuer = encode(this.properties.issuer());
		return "otpauth://totp/" + issuer + ":" + encode(user.email()) + "?secret=" + base32Secret + "&issuer=" + issuer
				+ "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP.toSeconds();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * What {@code enable} answers, once: the secret and the backup codes are not kept
	 * readable.
	 */
	public record EnrollmentStarted(String secret, String otpauthUri, String qrCode, List<String> backupCodes) {

		@Override
		public String toString() {
			return "EnrollmentStarted[]";
		}

	}

}
