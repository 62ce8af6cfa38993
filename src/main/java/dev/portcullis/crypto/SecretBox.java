package dev.portcullis.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest with AES-256-GCM under a key derived with HKDF from the active
 * master key. The stored form is {@code v2:<master key id>:<base64(nonce || ciphertext ||
 * tag)>}. The associated data binds the format, the key id and the row's identity (table,
 * column, row id), so a value copied to another row, another column or another table does
 * not open, and the key id in the clear cannot be altered.
 *
 * <p>
 * Values of the first format ({@code v1:<key id>:…}, the master key itself as the AES key
 * and the purpose as associated data) still open; the background re-seal rewrites them in
 * the current format.
 */
@Component
public class SecretBox {

	static final String FORMAT = "v2";

	private static final String LEGACY_FORMAT = "v1";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final MasterKeys keys;

	private final SecureRandom random = new SecureRandom();

	public SecretBox(MasterKeys keys) {
		this.keys = keys;
	}

	/** Seals a value of this row's column under the active master key. */
	public String seal(SealedColumn column, Object rowId, byte[] plaintext) {
		String keyId = this.keys.activeId();
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, this.keys.sealingKey(keyId), nonce,
				associatedData(keyId, column, rowId), plaintext, column);
		ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
		return FORMAT + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out.array());
	}

	/**
	 * Opens a value of this row's column, in either format, under whichever key of the
	 * ring sealed it.
	 * @throws IllegalStateException when the value is malformed, was sealed for another
	 * row or column, was altered, or its key is not in the ring
	 */
	public byte[] open(SealedColumn column, Object rowId, String stored) {
		String[] parts = stored.split(":", 3);
		if (parts.length != 3 || !(parts[0].equals(FORMAT) || parts[0].equals(LEGACY_FORMAT))) {
			throw new IllegalStateException("Unrecognised ciphertext format in " + column.name());
		}
		byte[] data;
		try {
			data = Base64.getDecoder().decode(parts[2]);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Unrecognised ciphertext format in " + column.name());
		}
		if (data.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new IllegalStateException("Unrecognised ciphertext format in " + column.name());
		}
		ByteBuffer in = ByteBuffer.wrap(data);
		byte[] nonce = new byte[NONCE_BYTES];
		in.get(nonce);
		byte[] sealed = new byte[in.remaining()];
		in.get(sealed);
		if (parts[0].equals(LEGACY_FORMAT)) {
			return crypt(Cipher.DECRYPT_MODE, this.keys.legacyKey(parts[1]), nonce,
					column.legacyPurpose().getBytes(StandardCharsets.UTF_8), sealed, column);
		}
		return crypt(Cipher.DECRYPT_MODE, this.keys.sealingKey(parts[1]), nonce,
				associatedData(parts[1], column, rowId), sealed, column);
	}

	/** Whether a stored value is in the current format under the active key. */
	boolean isCurrent(String stored) {
		return stored.startsWith(currentPrefix());
	}

	/** The prefix of every value sealed now: {@code v2:<active id>:}. */
	String currentPrefix() {
		return FORMAT + ":" + this.keys.activeId() + ":";
	}

	private static byte[] associatedData(String keyId, SealedColumn column, Object rowId) {
		String data = "portcullis/" + FORMAT + "\0" + keyId + "\0" + column.table() + "\0" + column.column() + "\0"
				+ rowId;
		return data.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] associatedData, byte[] input,
			SealedColumn column) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData);
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"Could not " + ((mode == Cipher.ENCRYPT_MODE) ? "seal" : "open") + " a value of " + column.name(),
					ex);
		}
	}

}
