package dev.portcullis.crypto;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): {@code extract} concentrates input keying material
 * into a pseudorandom key (section 2.2), {@code expand} stretches it into output keys
 * bound to an {@code info} label (section 2.3). The JDK's own {@code javax.crypto.KDF}
 * needs JDK 24; this is the RFC's few lines over {@link Mac}.
 */
final class Hkdf {

	private static final String HMAC = "HmacSHA256";

	private static final int HASH_LENGTH = 32;

	private Hkdf() {
	}

	static byte[] derive(byte[] inputKey, byte[] salt, byte[] info, int length) {
		return expand(extract(salt, inputKey), info, length);
	}

	/** PRK = HMAC-Hash(salt, IKM); an empty salt stands for HashLen zero bytes. */
	static byte[] extract(byte[] salt, byte[] inputKey) {
		byte[] effectiveSalt = (salt == null || salt.length == 0) ? new byte[HASH_LENGTH] : salt;
		return mac(effectiveSalt).doFinal(inputKey);
	}

	/** T(i) = HMAC-Hash(PRK, T(i-1) | info | i), truncated to {@code length} bytes. */
	static byte[] expand(byte[] prk, byte[] info, int length) {
		if (length < 1 || length > 255 * HASH_LENGTH) {
			throw new IllegalArgumentException("HKDF output length must be 1 to " + 255 * HASH_LENGTH);
		}
		Mac mac = mac(prk);
		ByteArrayOutputStream out = new ByteArrayOutputStream(length + HASH_LENGTH);
		byte[] previous = new byte[0];
		for (int i = 1; out.size() < length; i++) {
			mac.update(previous);
			mac.update(info);
			mac.update((byte) i);
			previous = mac.doFinal();
			out.writeBytes(previous);
		}
		return Arrays.copyOf(out.toByteArray(), length);
	}

	private static Mac mac(byte[] key) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(key, HMAC));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
