package dev.portcullis.session;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.crypto.HmacKeys;
import dev.portcullis.crypto.Tokens;

/**
 * Refresh-token values. A root token is 256 random bits; each successor is the
 * HMAC-SHA256 of its parent under the {@code refresh-token-successor} secret
 * ({@link HmacKeys}). So any instance that sees the same parent twice derives the same
 * successor, and the grace window needs no plaintext successor stored anywhere: only
 * hashes reach the database. The secret does not change when the master key rotates, so
 * neither does a successor.
 */
@Component
class RefreshTokens {

	static final String PURPOSE = "refresh-token-successor";

	private static final int TOKEN_LENGTH = 43;

	private final HmacKeys keys;

	RefreshTokens(HmacKeys keys) {
		this.keys = keys;
	}

	String root() {
		return Tokens.random();
	}

	Mono<String> successorOf(String parent) {
		return this.keys.current(PURPOSE).map((hmac) -> Tokens.encode(hmac.sign(parent)));
	}

	/** Rejects values that no token of ours could be, before any lookup. */
	static boolean isWellFormed(String token) {
		return token != null && token.length() == TOKEN_LENGTH
				&& token.chars().allMatch((c) -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
	}

}
