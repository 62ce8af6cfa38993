package dev.portcullis.mfa;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.session.IssuedSession;
import dev.portcullis.session.SessionStarter;
import dev.portcullis.support.ClientInfo;

/**
 * The second step of a sign-in with 2FA: {@link #pending} finds the open challenge of an
 * {@code mfaToken}, {@link #complete} checks the code and starts the session with
 * {@code amr ["pwd","otp"]}. A wrong code answers {@code 401 invalid_code} and leaves the
 * challenge open; a right one uses it up, so it completes one sign-in only.
 */
@Component
public class TwoFactorSignIn {

	static final List<String> AMR = List.of("pwd", "otp");

	private final SignInChallenges challenges;

	private final Users users;

	private final SecondFactor secondFactor;

	private final SessionStarter sessions;

	TwoFactorSignIn(SignInChallenges challenges, Users users, SecondFactor secondFactor, SessionStarter sessions) {
		this.challenges = challenges;
		this.users = users;
		this.secondFactor = secondFactor;
		this.sessions = sessions;
	}

	/** Errors {@code 401 mfa_token_invalid} for an unknown, used or expired token. */
	public Mono<PendingSignIn> pending(String mfaToken) {
		return this.challenges.find(mfaToken).switchIfEmpty(Mono.error(MfaProblems::mfaTokenInvalid));
	}

	public Mono<IssuedSession> complete(PendingSignIn pending, String code, ClientInfo client) {
		EventContext context = EventContext.of(pending.userId(), null, client);
		return this.users.findById(pending.userId())
			.filter(User::twoFactorEnabled)
			.switchIfEmpty(Mono.error(MfaProblems::mfaTokenInvalid))
			.flatMap((user) -> requireRightCode(user, code, context).then(use(pending)).thenReturn(user))
			.flatMap((user) -> this.sessions.start(user, AMR, pending.rememberMe(), client));
	}

	private Mono<Void> requireRightCode(User user, String code, EventContext context) {
		return this.secondFactor.verify(user.id(), code, context)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> MfaProblems.invalidCode(HttpStatus.UNAUTHORIZED)))
			.then();
	}

	/** Only after a right code: a wrong one must leave the challenge open. */
	private Mono<Void> use(PendingSignIn pending) {
		return Mono.defer(() -> this.challenges.consume(pending.mfaToken()))
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(MfaProblems::mfaTokenInvalid))
			.then();
	}

}
