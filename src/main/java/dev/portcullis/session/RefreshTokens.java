package dev.portcullis.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.portcullis.crypto.MasterKeys;
import dev.portcullis.crypto.Tokens;

/**
 * Refresh-token values. A root token is 256 random bits; each successor is the
 * HMAC-SHA256 of its parent under a key derived from the master key. So any instance that
 * sees the same parent twice derives the same successor, and the grace window needs no
 * plaintext successor stored anywhere: only hashes reach the database.
 */
@Component
class RefreshTokens {

	private static final int TOKEN_LENGTH = 43;

	private final byte[] successorKey;

	RefreshTokens(MasterKeys keys) {
		this.successorKey = keys.derive("refresh-token-successor");
	}

	String root() {
		return Tokens.random();
	}

	String successorOf(String parent) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.successorKey, "HmacSHA256"));
			return Tokens.encode(mac.doFinal(parent.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Rejects values that no token of ours could be, before any lookup. */
	static boolean isWellFormed(String token) {
		return token != null && token.length() == TOKEN_LENGTH
				&& token.chars().allMatch((c) -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
	}

}
