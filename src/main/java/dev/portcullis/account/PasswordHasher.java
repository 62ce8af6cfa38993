package dev.portcullis.account;

import reactor.core.publisher.Mono;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.portcullis.crypto.Tokens;
import dev.portcullis.support.Offloader;

/**
 * Argon2id password hashing with the cost of {@code portcullis.password.argon2.*}
 * (defaults: Spring Security 5.8's, 16 MiB, 2 iterations), always on the bounded offload
 * pool: one hash costs tens of milliseconds of CPU and must never run on an event-loop
 * thread. Stored hashes carry their own parameters, so they keep verifying after the cost
 * changes.
 */
@Component
public class PasswordHasher {

	private final Argon2PasswordEncoder encoder;

	private final Offloader offloader;

	/** Compared against when an email is unknown, so the answer costs the same time. */
	private final Mono<String> dummyHash;

	PasswordHasher(PasswordProperties properties, Offloader offloader) {
		PasswordProperties.Argon2 argon2 = properties.argon2();
		this.encoder = new Argon2PasswordEncoder(argon2.saltLength(), argon2.hashLength(), argon2.parallelism(),
				Math.toIntExact(argon2.memory().toKilobytes()), argon2.iterations());
		this.offloader = offloader;
		this.dummyHash = offloader.call(() -> this.encoder.encode(Tokens.random())).cache();
	}

	public Mono<String> hash(String password) {
		return this.offloader.call(() -> this.encoder.encode(password));
	}

	public Mono<Boolean> matches(String password, String hash) {
		return this.offloader.call(() -> this.encoder.matches(password, hash));
	}

	/** Spends the same work as a real comparison and always answers {@code false}. */
	public Mono<Boolean> matchesNothing(String password) {
		return this.dummyHash.flatMap((hash) -> matches(password, hash)).thenReturn(false);
	}

}
