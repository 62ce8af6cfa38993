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
 * Encrypts secrets at rest with AES-256-GCM under the master key. The stored form is
 * {@code v1:<master key id>:<base64(nonce || ciphertext || tag)>}; the key id lets an
 * operator rotate {@code portcullis.encryption.key} while older rows stay readable
 * through {@code previous-keys}. The purpose is bound as associated data, so a ciphertext
 * copied from one column to another does not decrypt.
 */
@Component
public class SecretBox {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final MasterKeys keys;

	private final SecureRandom random = new SecureRandom();

	public SecretBox(MasterKeys keys) {
		this.keys = keys;
	}

	public String seal(String purpose, byte[] plaintext) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, this.keys.current(), nonce, purpose, plaintext);
		ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
		return "v1:" + this.keys.currentId() + ":" + Base64.getEncoder().encodeToString(out.array());
	}

	public byte[] open(String purpose, String stored) {
		String[] parts = stored.split(":", 3);
		if (parts.length != 3 || !parts[0].equals("v1")) {
			throw new IllegalStateException("Unrecognised ciphertext format");
		}
		byte[] data = Base64.getDecoder().decode(parts[2]);
		ByteBuffer in = ByteBuffer.wrap(data);
		byte[] nonce = new byte[NONCE_BYTES];
		in.get(nonce);
		byte[] sealed = new byte[in.remaining()];
		in.get(sealed);
		return crypt(Cipher.DECRYPT_MODE, this.keys.byId(parts[1]), nonce, purpose, sealed);
	}

	private static byte[] crypt(int mode, byte[] key, byte[] nonce, String purpose, byte[] input) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"Could not " + ((mode == Cipher.ENCRYPT_MODE) ? "encrypt" : "decrypt") + " a secret for " + purpose,
					ex);
		}
	}

}
