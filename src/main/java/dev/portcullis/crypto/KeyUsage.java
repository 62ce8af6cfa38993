package dev.portcullis.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How many stored values each master key still protects, per column: the sealed columns
 * features declared and the {@link MasterKeyReferences}. Published as the gauge
 * {@code portcullis.encryption.sealed.rows} (tags {@code key_id}, {@code column}); every
 * key of the ring has a row per column, zero included, so "the old key reached zero" is a
 * value to watch, not an absence. A stored id that names a key by its fingerprint counts
 * under the key's id in the ring.
 */
@Component
class KeyUsage {

	private final SealedColumnStore store;

	private final List<SealedColumn> columns;

	private final List<MasterKeyReferences> references;

	private final MasterKeys keys;

	private final MultiGauge gauge;

	KeyUsage(SealedColumnStore store, ObjectProvider<SealedColumn> columns,
			ObjectProvider<MasterKeyReferences> references, MasterKeys keys, MeterRegistry meters) {
		this.store = store;
		this.columns = columns.orderedStream().toList();
		this.references = references.orderedStream().toList();
		this.keys = keys;
		this.gauge = MultiGauge.builder("portcullis.encryption.sealed.rows")
			.description("Stored values that need each master key, by column")
			.register(meters);
	}

	List<SealedColumn> columns() {
		return this.columns;
	}

	/** Column → key id (as in the ring where it is in the ring) → values. */
	Mono<Map<String, Map<String, Long>>> count() {
		Flux<SealedColumnStore.Usage> sealed = Flux.fromIterable(this.columns).concatMap(this.store::countByKey);
		Flux<SealedColumnStore.Usage> referenced = Flux.fromIterable(this.references)
			.concatMap((reference) -> reference.countByKeyId()
				.map((count) -> new SealedColumnStore.Usage(reference.name(), "v1", count.keyId(), count.rows())));
		return Flux.concat(sealed, referenced).collectList().map(this::byColumnAndKey);
	}

	/** Counts and publishes the gauge; answers the counts. */
	Mono<Map<String, Map<String, Long>>> refresh() {
		return count().doOnNext(this::publish);
	}

	/** Key ids with values that no key of the ring opens, with what needs them. */
	static Map<String, Map<String, Long>> missing(Map<String, Map<String, Long>> usage, MasterKeys keys) {
		Map<String, Map<String, Long>> missing = new TreeMap<>();
		usage.forEach((column, byKey) -> byKey.forEach((keyId, rows) -> {
			if (rows > 0 && keys.resolve(keyId) == null) {
				missing.computeIfAbsent(keyId, (id) -> new TreeMap<>()).put(column, rows);
			}
		}));
		return missing;
	}

	private Map<String, Map<String, Long>> byColumnAndKey(List<SealedColumnStore.Usage> usages) {
		Map<String, Map<String, Long>> byColumn = new LinkedHashMap<>();
		for (SealedColumn column : this.columns) {
			byColumn.put(column.name(), zeroes());
		}
		for (MasterKeyReferences reference : this.references) {
			byColumn.put(reference.name(), zeroes());
		}
		for (SealedColumnStore.Usage usage : usages) {
			String resolved = this.keys.resolve(usage.keyId());
			String keyId = (resolved != null) ? resolved : usage.keyId();
			byColumn.computeIfAbsent(usage.column(), (name) -> zeroes()).merge(keyId, usage.rows(), Long::sum);
		}
		return byColumn;
	}

	private Map<String, Long> zeroes() {
		Map<String, Long> zeroes = new TreeMap<>();
		this.keys.ids().forEach((id) -> zeroes.put(id, 0L));
		return zeroes;
	}

	private void publish(Map<String, Map<String, Long>> usage) {
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		usage.forEach((column, byKey) -> byKey
			.forEach((keyId, count) -> rows.add(MultiGauge.Row.of(Tags.of("key_id", keyId, "column", column), count))));
		this.gauge.register(rows, true);
	}

}
