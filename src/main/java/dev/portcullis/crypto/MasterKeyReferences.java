package dev.portcullis.crypto;

import reactor.core.publisher.Flux;

/**
 * Stored values that need a master key without being sealed by {@link SecretBox}: values
 * keyed before per-purpose HMAC secrets, which name the master key they were keyed under
 * and cannot be re-keyed (a hash cannot be recomputed without its input). The feature
 * that stores them declares them as a bean; they show in the
 * {@code portcullis.encryption.sealed.rows} gauge and keep their master key from being
 * removed while any is left.
 */
public interface MasterKeyReferences {

	/** {@code table.column}, as the metrics and messages name it. */
	String name();

	/** Rows per master key id they need; ids of per-purpose secrets left out. */
	Flux<Count> countByKeyId();

	/** {@code rows} stored values name the master key {@code keyId}. */
	record Count(String keyId, long rows) {

	}

}
