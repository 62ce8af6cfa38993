package dev.portcullis.crypto;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's master keys: a keyring of ids and keys, one of them active. Everything
 * sealed records the id of the key that sealed it, and a background re-seal moves every
 * sealed value to the active key, so an old key can leave the ring once nothing needs it
 * (the gauge {@code portcullis.encryption.sealed.rows} shows what each id still seals).
 *
 * <p>
 * Two ways to configure it, never both:
 * <ul>
 * <li>{@code keys} (id → base64 of 32 random bytes) and {@code active} (one of the ids);
 * ids are 1 to 32 lower-case letters, digits or dashes;</li>
 * <li>{@code key} alone (and the older {@code previous-keys}): a ring of one active key
 * (plus the previous ones), each named by its fingerprint, the first 8 hex digits of its
 * SHA-256. This is how every key was named before keyrings, so rows sealed then stay
 * readable when the same key enters a keyring under a new id.</li>
 * </ul>
 *
 * @param key base64 of 32 random bytes, the single active key; no default
 * @param previousKeys older keys still accepted for opening; empty by default
 * @param keys the keyring, id → base64 of 32 random bytes; empty by default
 * @param active the id of the key that seals; required with {@code keys}
 * @param reseal how the background re-seal runs
 */
@ConfigurationProperties("portcullis.encryption")
public record EncryptionProperties(String key, @DefaultValue List<String> previousKeys,
		@DefaultValue Map<String, String> keys, String active, @DefaultValue Reseal reseal) {

	public EncryptionProperties {
		reseal = (reseal != null) ? reseal : new Reseal(Duration.ofMinutes(1), 200);
	}

	/** A single key, as {@code portcullis.encryption.key} alone. */
	public static EncryptionProperties single(String key) {
		return new EncryptionProperties(key, List.of(), Map.of(), null, null);
	}

	/** A keyring of these keys with this one active. */
	public static EncryptionProperties keyring(Map<String, String> keys, String active) {
		return new EncryptionProperties(null, List.of(), keys, active, null);
	}

	@Override
	public String toString() {
		return "EncryptionProperties[key=<hidden>, previousKeys=<" + this.previousKeys.size() + " hidden>, keys="
				+ this.keys.keySet() + ", active=" + this.active + ", reseal=" + this.reseal + "]";
	}

	/**
	 * @param interval how often each instance looks for values sealed under another key
	 * than the active one or in the older format (it also looks once at start-up);
	 * default 1m
	 * @param batchSize values re-sealed per transaction; default 200
	 */
	public record Reseal(@DefaultValue("1m") Duration interval, @DefaultValue("200") int batchSize) {

		public Reseal {
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("portcullis.encryption.reseal.interval must be positive");
			}
			if (batchSize < 1 || batchSize > 10_000) {
				throw new IllegalArgumentException("portcullis.encryption.reseal.batch-size must be 1 to 10000");
			}
		}

	}

}
