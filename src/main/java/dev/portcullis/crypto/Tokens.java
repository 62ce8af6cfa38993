package dev.portcullis.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random opaque tokens and their storage hashes. Tokens carry 256 bits of randomness, so
 * a plain SHA-256 is a sufficient one-way storage form (no salt or work factor is needed
 * for values that cannot be guessed).
 */
public final class Tokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private Tokens() {
	}

	/** A new URL-safe token with 256 bits of randomness. */
	public static String random() {
		return random(32);
	}

	public static String random(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return ENCODER.encodeToString(value);
	}

	public static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String encode(byte[] value) {
		return ENCODER.encodeToString(value);
	}

	/** Compares secrets without leaking where they differ through timing. */
	public static boolean constantTimeEquals(String a, String b) {
		if (a == null || b == null) {
			return false;
		}
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
