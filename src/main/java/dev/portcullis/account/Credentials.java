package dev.portcullis.account;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.ProblemException;

/**
 * Checks an email and password. Every failure is the same {@code invalid_credentials}
 * answer, and an unknown email still costs one Argon2 comparison, so neither the body
 * nor the timing tells whether an account exists.
 */
@Component
public class Credentials {

	private final Users users;

	private final PasswordHasher hasher;

	Credentials(Users users, PasswordHasher hasher) {
		this.users = users;
		this.hasher = hasher;
	}

	public Mono<User> verify(String email, String password) {
		return this.users.findByEmail(email)
			.flatMap((user) -> this.hasher.matches(password, user.passwordHash())
				.flatMap((matches) -> matches ? Mono.just(user) : Mono.error(invalidCredentials())))
			.switchIfEmpty(Mono.defer(() -> this.hasher.matchesNothing(password).then(Mono.error(invalidCredentials()))));
	}

	public static ProblemException invalidCredentials() {
		return ProblemException.unauthorized("invalid_credentials", "The email or password is incorrect.");
	}

}
