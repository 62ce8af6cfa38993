package dev.portcullis.crypto;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's master key.
 *
 * @param key base64 of 32 random bytes; encrypts signing keys and TOTP secrets at rest
 * and keys the refresh-successor derivation. Required: no default.
 * @param previousKeys older master keys still accepted for decryption, so the key can be
 * rotated without losing data encrypted under the old one
 */
@ConfigurationProperties("portcullis.encryption")
public record EncryptionProperties(String key, @DefaultValue List<String> previousKeys) {

	@Override
	public String toString() {
		return "EncryptionProperties[key=<hidden>, previousKeys=<" + this.previousKeys.size() + " hidden>]";
	}

}
