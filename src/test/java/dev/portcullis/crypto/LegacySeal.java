package dev.portcullis.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a value the way versions before keyrings did ({@code v1:}): the master key itself
 * as the AES-256-GCM key, the purpose as associated data, the key's fingerprint as its
 * id. For tests of values stored before the upgrade.
 */
final class LegacySeal {

	private LegacySeal() {
	}

	static String seal(String base64Key, String purpose, byte[] plaintext) {
		try {
			byte[] key = Base64.getDecoder().decode(base64Key);
			byte[] nonce = new byte[12];
			new SecureRandom().nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			return "v1:" + MasterKeys.fingerprint(key) + ":" + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
