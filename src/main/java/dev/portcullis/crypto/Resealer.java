package dev.portcullis.crypto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.portcullis.support.Offloader;
import dev.portcullis.support.PeriodicTask;

/**
 * Moves every sealed value to the active master key and the current format: at start-up
 * and every {@code portcullis.encryption.reseal.interval} on every instance, each
 * declared column in batches of {@code batch-size}, each batch one transaction whose rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED} (instances split the work instead of
 * waiting on each other) and re-sealed on the offload pool. Then it refreshes the
 * {@code portcullis.encryption.sealed.rows} gauge. A value whose key is not in the ring
 * is left alone (and named in the log): nothing could open it.
 */
@Component
class Resealer extends PeriodicTask {

	private static final Logger logger = LoggerFactory.getLogger(Resealer.class);

	private final KeyUsage usage;

	private final SealedColumnStore store;

	private final SecretBox box;

	private final MasterKeys keys;

	private final Offloader offloader;

	private final TransactionalOperator transactions;

	private final EncryptionProperties.Reseal properties;

	Resealer(KeyUsage usage, SealedColumnStore store, SecretBox box, MasterKeys keys, Offloader offloader,
			TransactionalOperator transactions, EncryptionProperties properties) {
		super("Re-seal", Duration.ZERO, properties.reseal().interval());
		this.usage = usage;
		this.store = store;
		this.box = box;
		this.keys = keys;
		this.offloader = offloader;
		this.transactions = transactions;
		this.properties = properties.reseal();
	}

	/** One pass over every column; answers how many values it re-sealed. */
	Mono<Long> reseal() {
		return Flux.fromIterable(this.usage.columns())
			.concatMap((column) -> inBatches(() -> resealBatch(column)))
			.reduce(0L, Long::sum)
			.flatMap((resealed) -> this.usage.refresh().doOnNext(this::warnAboutMissingKeys).thenReturn(resealed));
	}

	private Mono<Long> resealBatch(SealedColumn column) {
		List<String> openable = new ArrayList<>();
		for (String id : this.keys.ids()) {
			openable.add(id);
			openable.add(MasterKeys.fingerprint(this.keys.legacyKey(id)));
		}
		Mono<Long> batch = this.store.lockStale(column, this.box.currentPrefix(), openable, this.properties.batchSize())
			.collectList()
			.flatMap((stale) -> this.offloader.call(() -> resealed(column, stale)))
			.flatMapMany(Flux::fromIterable)
			.concatMap((value) -> this.store.replace(column, value.id(), value.value()))
			.reduce(0L, Long::sum);
		return this.transactions.transactional(batch);
	}

	/** The new values of a batch; a value that does not open is logged and skipped. */
	private List<SealedColumnStore.Stale> resealed(SealedColumn column, List<SealedColumnStore.Stale> stale) {
		List<SealedColumnStore.Stale> resealed = new ArrayList<>(stale.size());
		for (SealedColumnStore.Stale value : stale) {
			try {
				byte[] plaintext = this.box.open(column, value.id(), value.value());
				resealed.add(new SealedColumnStore.Stale(value.id(), this.box.seal(column, value.id(), plaintext)));
			}
			catch (IllegalStateException ex) {
				logger.error("Cannot re-seal {} of row {}: {}", column.name(), value.id(), ex.getMessage());
			}
		}
		return resealed;
	}

	/** Repeats a batch while it comes back full; answers the total. */
	private Mono<Long> inBatches(Supplier<Mono<Long>> batch) {
		return batch.get()
			.expand((done) -> (done == this.properties.batchSize()) ? batch.get() : Mono.empty())
			.reduce(0L, Long::sum);
	}

	private void warnAboutMissingKeys(Map<String, Map<String, Long>> usage) {
		Map<String, Map<String, Long>> missing = KeyUsage.missing(usage, this.keys);
		if (!missing.isEmpty()) {
			logger.error("Stored values need master keys that are not in the ring, and cannot be opened: {}", missing);
		}
	}

	@Override
	protected Mono<Long> runOnce() {
		return reseal().doOnNext((resealed) -> {
			if (resealed > 0) {
				logger.info("Re-sealed {} values under master key {}", resealed, this.keys.activeId());
			}
		});
	}

}
