package dev.portcullis.account;

import reactor.core.publisher.Mono;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.portcullis.crypto.Tokens;
import dev.portcullis.support.Offloader;

/**
 * Argon2id password hashing (Spring Security's 5.8 defaults: 16 MiB, 2 iterations),
 * always on the bounded offload pool: one hash costs tens of milliseconds of CPU and must
 * never run on an event-loop thread.
 */
@Component
public class PasswordHasher {

	private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	private final Offloader offloader;

	/** Compared against when an email is unknown, so the answer costs the same time. */
	private final Mono<String> dummyHash;

	PasswordHasher(Offloader offloader) {
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
