package dev.portcullis.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key for one purpose, with the id to store beside what it keyed (so a
 * value made under an older version can still be checked). Thread-safe; never prints its
 * key.
 */
public final class Hmac {

	private final String id;

	private final SecretKeySpec key;

	private final ThreadLocal<Mac> macs;

	Hmac(String id, byte[] key) {
		this.id = id;
		this.key = new SecretKeySpec(key, "HmacSHA256");
		this.macs = ThreadLocal.withInitial(this::newMac);
	}

	/**
	 * A key held by the caller rather than by {@link HmacKeys}: for unit tests of the
	 * features that use one.
	 */
	public static Hmac of(String id, byte[] key) {
		return new Hmac(id, key);
	}

	/** {@code hmac:<version>}, or a master key id for values made before versions. */
	public String id() {
		return this.id;
	}

	public byte[] sign(byte[] data) {
		return this.macs.get().doFinal(data);
	}

	public byte[] sign(String data) {
		return sign(data.getBytes(StandardCharsets.UTF_8));
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "Hmac[" + this.id + "]";
	}

}
