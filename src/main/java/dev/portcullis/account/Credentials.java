package dev.portcullis.account;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.ProblemException;

/**
 * Checks an email and password. Every failure is the same {@code invalid_credentials}
 * answer, and an unknown email still costs one Argon2 comparison, so neither the body
 * nor the timing tells whether an account exists. A proven password then passes every
 * {@link SignInCheck}.
 */
@Component
public class Credentials {

	private final Users users;

	private final PasswordHasher hasher;

	private final List<SignInCheck> checks;

	Credentials(Users users, PasswordHasher hasher, List<SignInCheck> checks) {
		this.users = users;
		this.hasher = hasher;
		this.checks = checks;
	}

	public Mono<User> verify(String email, String password) {
		return this.users.findByEmail(email)
			.flatMap((user) -> this.hasher.matches(password, user.passwordHash())
				.flatMap((matches) -> matches ? Mono.just(user) : Mono.error(invalidCredentials())))
			.switchIfEmpty(Mono.defer(() -> this.hasher.matchesNothing(password).then(Mono.error(invalidCredentials()))))
			.flatMap(this::passChecks);
	}

	private Mono<User> passChecks(User user) {
		return Flux.fromIterable(this.checks).concatMap((check) -> check.check(user)).then(Mono.just(user));
	}

	public static ProblemException invalidCredentials() {
		return ProblemException.unauthorized("invalid_credentials", "The email or password is incorrect.");
	}

}
