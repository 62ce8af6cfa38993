package dev.portcullis.email;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import dev.portcullis.crypto.SealedColumn;
import dev.portcullis.crypto.SecretBox;

/**
 * The part of a queued message that is kept sealed under the master key: the sender as
 * configured on the instance that queued it, and both bodies (which may carry a token
 * link). Packed as three base64 fields, so opening it needs no JSON mapper on the
 * delivery path.
 */
record SealedMail(String from, String text, String html) {

	/** Bound with the message's row id, so a body never opens as another message's. */
	static final SealedColumn COLUMN = new SealedColumn("email_outbox", "body", "id", "uuid", "email_outbox.body");

	String seal(SecretBox secrets, UUID id) {
		Base64.Encoder encoder = Base64.getEncoder();
		String packed = encoder.encodeToString(bytes(this.from)) + "." + encoder.encodeToString(bytes(this.text)) + "."
				+ encoder.encodeToString(bytes(this.html));
		return secrets.seal(COLUMN, id, bytes(packed));
	}

	static SealedMail open(SecretBox secrets, UUID id, String sealed) {
		String[] parts = new String(secrets.open(COLUMN, id, sealed), StandardCharsets.UTF_8).split("\\.", 3);
		if (parts.length != 3) {
			throw new IllegalStateException("Unrecognised sealed mail");
		}
		Base64.Decoder decoder = Base64.getDecoder();
		return new SealedMail(string(decoder.decode(parts[0])), string(decoder.decode(parts[1])),
				string(decoder.decode(parts[2])));
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String string(byte[] value) {
		return new String(value, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "SealedMail[from=" + this.from + "]";
	}

}
