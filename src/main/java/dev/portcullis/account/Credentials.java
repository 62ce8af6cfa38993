package dev.portcullis.account;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.ClientInfo;

/**
 * Checks an email and password. Every failure is the same {@code invalid_credentials}
 * answer, and an unknown email still costs one Argon2 comparison, so neither the body nor
 * the timing tells whether an account exists. A proven password then passes every
 * {@link SignInCheck}.
 * <p>
 * Every verdict on a known account also goes through the lockout
 * ({@code portcullis.lockout.*}): a wrong password is counted, and while the account is
 * locked every attempt, the right password included, answers {@code 429 account_locked}.
 */
@Component
public class Credentials {

	private final Users users;

	private final PasswordHasher hasher;

	private final List<SignInCheck> checks;

	private final PasswordLockout lockout;

	Credentials(Users users, PasswordHasher hasher, List<SignInCheck> checks, PasswordLockout lockout) {
		this.users = users;
		this.hasher = hasher;
		this.checks = checks;
		this.lockout = lockout;
	}

	/**
	 * The client's address and agent go into the {@code sign_in.failed} and lockout
	 * events.
	 */
	public Mono<User> verify(String email, String password, ClientInfo client) {
		return this.users.findByEmail(email)
			.flatMap((user) -> this.hasher.matches(password, user.passwordHash())
				.flatMap((matches) -> matches ? this.lockout.succeeded(user, client).thenReturn(user)
						: this.lockout.failed(user, client).then(Mono.error(AccountProblems.invalidCredentials()))))
			.switchIfEmpty(Mono.defer(() -> this.hasher.matchesNothing(password)
				.then(this.lockout.unknownAccount(client))
				.then(Mono.error(AccountProblems.invalidCredentials()))))
			.flatMap(this::passChecks);
	}

	/**
	 * Re-checks the password of a user who is already signed in (step-up, two-factor
	 * enrollment, password change): the user, or {@code 401 invalid_credentials}. The
	 * caller holds a session, so the sign-in lockout does not count these.
	 */
	public Mono<User> confirm(User user, String password) {
		return this.hasher.matches(password, user.passwordHash())
			.flatMap((matches) -> matches ? Mono.just(user) : Mono.error(AccountProblems.invalidCredentials()));
	}

	/**
	 * As {@link #confirm}, but through the sign-in lockout: a wrong password is counted
	 * (and may lock the account), and while locked even the right one answers
	 * {@code 429 account_locked}. For password change, where a stolen session would
	 * otherwise guess the password without limit.
	 */
	public Mono<User> confirmCounted(User user, String password, ClientInfo client) {
		return this.hasher.matches(password, user.passwordHash())
			.flatMap((matches) -> matches ? this.lockout.succeeded(user, client).thenReturn(user)
					: this.lockout.failed(user, client).then(Mono.error(AccountProblems.invalidCredentials())));
	}

	private Mono<User> passChecks(User user) {
		return Flux.fromIterable(this.checks).concatMap((check) -> check.check(user)).then(Mono.just(user));
	}

}
