package dev.portcullis.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The master keyring from {@code portcullis.encryption.*} (see
 * {@link EncryptionProperties}): master keys by id, one active. A master key is never
 * used as a cipher or MAC key itself: {@link SecretBox} seals under a key derived from it
 * with HKDF (RFC 5869), and HMAC purposes have their own secrets ({@link HmacKeys}). A
 * missing or malformed key, an unknown active id, or a ring configured two ways at once
 * stops start-up here, with a message that says what to set.
 */
@Component
public class MasterKeys {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	private static final byte[] SEALING_SALT = "portcullis/master-key/v2".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SEALING_INFO = "aes-256-gcm sealing key".getBytes(StandardCharsets.US_ASCII);

	private final String activeId;

	/** Configured id → key. */
	private final Map<String, byte[]> keysById;

	/** Fingerprint → configured id, for values sealed before keyrings named keys. */
	private final Map<String, String> idsByFingerprint;

	private final Map<String, byte[]> sealingKeys;

	public MasterKeys(EncryptionProperties properties) {
		Map<String, byte[]> keys = new LinkedHashMap<>();
		if (!properties.keys().isEmpty()) {
			if (properties.key() != null && !properties.key().isBlank() || !properties.previousKeys().isEmpty()) {
				throw new IllegalStateException(
						"Set either portcullis.encryption.keys with portcullis.encryption.active, "
								+ "or portcullis.encryption.key (with previous-keys), not both. To move to a keyring, put the "
								+ "current key into portcullis.encryption.keys under an id of your choice.");
			}
			properties.keys()
				.forEach((id, value) -> keys.put(checkId(id), decode(value, "portcullis.encryption.keys." + id)));
			if (properties.active() == null || !keys.containsKey(properties.active())) {
				throw new IllegalStateException("portcullis.encryption.active must name one of the ids in "
						+ "portcullis.encryption.keys " + keys.keySet() + ", not " + properties.active());
			}
			this.activeId = properties.active();
		}
		else {
			if (properties.active() != null && !properties.active().isBlank()) {
				throw new IllegalStateException(
						"portcullis.encryption.active is set but portcullis.encryption.keys is empty: set the keyring");
			}
			byte[] current = decode(properties.key(), "portcullis.encryption.key");
			this.activeId = fingerprint(current);
			keys.put(this.activeId, current);
			for (String previous : properties.previousKeys()) {
				byte[] key = decode(previous, "portcullis.encryption.previous-keys");
				keys.putIfAbsent(fingerprint(key), key);
			}
		}
		Map<String, String> fingerprints = new LinkedHashMap<>();
		Map<String, byte[]> sealing = new LinkedHashMap<>();
		keys.forEach((id, key) -> {
			String fingerprint = fingerprint(key);
			if (!fingerprint.equals(id) && keys.containsKey(fingerprint)) {
				throw new IllegalStateException("The id " + fingerprint + " in portcullis.encryption.keys is the "
						+ "fingerprint of the key named " + id + ": choose another id");
			}
			String other = fingerprints.putIfAbsent(fingerprint, id);
			if (other != null) {
				throw new IllegalStateException(
						"portcullis.encryption.keys holds the same key under two ids: " + other + " and " + id);
			}
			sealing.put(id, Hkdf.derive(key, SEALING_SALT, SEALING_INFO, 32));
		});
		this.keysById = Map.copyOf(keys);
		this.idsByFingerprint = Map.copyOf(fingerprints);
		this.sealingKeys = Map.copyOf(sealing);
	}

	/** The id of the key that seals now, stored beside what it seals. */
	public String activeId() {
		return this.activeId;
	}

	/** Every id in the ring, the active one among them. */
	public List<String> ids() {
		return List.copyOf(this.keysById.keySet());
	}

	/**
	 * The ring's id for a key id as stored: the id itself, or the configured id of the
	 * key with this fingerprint; null when no key of the ring answers to it.
	 */
	public String resolve(String storedId) {
		if (this.keysById.containsKey(storedId)) {
			return storedId;
		}
		return this.idsByFingerprint.get(storedId);
	}

	/** The AES-256-GCM key derived from the master key with this (stored) id. */
	byte[] sealingKey(String storedId) {
		return this.sealingKeys.get(require(storedId));
	}

	/** The master key itself, only to open values sealed in the first format. */
	byte[] legacyKey(String storedId) {
		return this.keysById.get(require(storedId));
	}

	/**
	 * The first format's purpose key: HMAC-SHA256 of {@code portcullis/<purpose>} under
	 * the master key. Only for values made before per-purpose secrets, and for the first
	 * version of each such secret, so that upgrading changes no refresh successor,
	 * counter or backup code.
	 */
	byte[] legacyDerive(String purpose, String storedId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(legacyKey(storedId), "HmacSHA256"));
			return mac.doFinal(("portcullis/" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String require(String storedId) {
		String id = resolve(storedId);
		if (id == null) {
			throw new UnknownKeyException(storedId);
		}
		return id;
	}

	private static String checkId(String id) {
		if (!ID.matcher(id).matches()) {
			throw new IllegalStateException("The key id '" + id + "' in portcullis.encryption.keys must be 1 to 32 "
					+ "lower-case letters, digits or dashes, starting with a letter or digit");
		}
		return id;
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

	/** The first 8 hex digits of the key's SHA-256: the name of a key given alone. */
	static String fingerprint(byte[] key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A value was sealed under a key that is not in the ring. */
	static final class UnknownKeyException extends IllegalStateException {

		UnknownKeyException(String id) {
			super("A value was sealed under master key " + id + ", which is not in portcullis.encryption.keys "
					+ "(nor is it portcullis.encryption.key or one of its previous-keys)");
		}

	}

}
