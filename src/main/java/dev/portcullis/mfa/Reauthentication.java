package dev.portcullis.mfa;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.portcullis.account.AccountProblems;
import dev.portcullis.account.Credentials;
import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.session.SessionStepUp;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;
import dev.portcullis.token.IssuedAccessToken;

/**
 * Step-up: the caller proves again who they are, on the session they already have. The
 * password always; a TOTP or backup code too when 2FA is on (then {@code amr} becomes
 * {@code ["pwd","otp"]}, else {@code ["pwd"]}). A code sent by a user without 2FA is
 * ignored: there is nothing to check it against, and it earns no {@code otp}.
 */
@Component
public class Reauthentication {

	private static final List<String> PASSWORD_ONLY = List.of("pwd");

	private final Users users;

	private final Credentials credentials;

	private final SecondFactor secondFactor;

	private final SessionStepUp sessions;

	Reauthentication(Users users, Credentials credentials, SecondFactor secondFactor, SessionStepUp sessions) {
		this.users = users;
		this.credentials = credentials;
		this.secondFactor = secondFactor;
		this.sessions = sessions;
	}

	/**
	 * Errors {@code 401 invalid_credentials} for a wrong password,
	 * {@code 400 invalid_code} for a missing or wrong code when 2FA is on.
	 */
	public Mono<IssuedAccessToken> stepUp(AccessTokenClaims claims, String password, String code, ClientInfo client) {
		EventContext context = EventContext.of(claims.userId(), claims.sessionId(), client);
		return this.users.findById(claims.userId())
			.switchIfEmpty(Mono.error(AccountProblems::invalidCredentials))
			.flatMap((user) -> this.credentials.confirm(user, password))
			.flatMap((user) -> factors(user, code, context)
				.flatMap((amr) -> this.sessions.stepUp(user, claims.sessionId(), amr)));
	}

	private Mono<List<String>> factors(User user, String code, EventContext context) {
		if (!user.twoFactorEnabled()) {
			return Mono.just(PASSWORD_ONLY);
		}
		if (code == null || code.isBlank()) {
			return Mono.error(MfaProblems::codeRequired);
		}
		return this.secondFactor.verify(user.id(), code, context)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> MfaProblems.invalidCode(HttpStatus.BAD_REQUEST)))
			.thenReturn(TwoFactorSignIn.AMR);
	}

}
