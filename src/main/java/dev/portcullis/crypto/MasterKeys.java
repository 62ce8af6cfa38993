package dev.portcullis.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The master key from {@code portcullis.encryption.key} and the purpose-bound keys
 * derived from it (HMAC-SHA256 of a purpose label, a one-step HKDF-Expand). Each master
 * key has a short public id stored beside every ciphertext so that keys can rotate. A
 * missing or malformed key stops startup here, with a message that says what to set.
 */
@Component
public class MasterKeys {

	private final String currentId;

	private final Map<String, byte[]> keysById;

	public MasterKeys(EncryptionProperties properties) {
		byte[] current = decode(properties.key(), "portcullis.encryption.key");
		Map<String, byte[]> keys = new LinkedHashMap<>();
		this.currentId = idOf(current);
		keys.put(this.currentId, current);
		for (String previous : properties.previousKeys()) {
			byte[] key = decode(previous, "portcullis.encryption.previous-keys");
			keys.putIfAbsent(idOf(key), key);
		}
		this.keysById = Map.copyOf(keys);
	}

	/** The public id of the current master key, stored beside what it protects. */
	public String currentId() {
		return this.currentId;
	}

	byte[] current() {
		return this.keysById.get(this.currentId);
	}

	byte[] byId(String id) {
		byte[] key = this.keysById.get(id);
		if (key == null) {
			throw new IllegalStateException("Data was encrypted under master key " + id
					+ ", which is neither portcullis.encryption.key nor one of portcullis.encryption.previous-keys");
		}
		return key;
	}

	List<String> ids() {
		return new ArrayList<>(this.keysById.keySet());
	}

	/** A key for one purpose, derived from the current master key. */
	public byte[] derive(String purpose) {
		return derive(purpose, this.currentId);
	}

	/**
	 * A key for one purpose, derived from the master key with this id (the current one or
	 * one of {@code previous-keys}), for values keyed before a rotation.
	 */
	public byte[] derive(String purpose, String keyId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(byId(keyId), "HmacSHA256"));
			return mac.doFinal(("portcullis/" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] decode(String value, String property) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(property + " is not set. Set it to the base64 of 32 random bytes, "
					+ "for example the output of: openssl rand -base64 32");
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property + " is not valid base64. Set it to the base64 of 32 random "
					+ "bytes, for example the output of: openssl rand -base64 32");
		}
		if (key.length != 32) {
			throw new IllegalStateException(property + " must decode to exactly 32 bytes, not " + key.length
					+ ". Generate one with: openssl rand -base64 32");
		}
		return key;
	}

	private static String idOf(byte[] key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
