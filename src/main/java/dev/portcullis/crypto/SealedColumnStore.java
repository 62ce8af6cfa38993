package dev.portcullis.crypto;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of the re-seal over the columns features declared ({@link SealedColumn}); the
 * identifiers come from those declarations, checked to be plain identifiers, never from
 * input.
 */
@Component
class SealedColumnStore {

	private final DatabaseClient db;

	SealedColumnStore(DatabaseClient db) {
		this.db = db;
	}

	/** Values per format and stored key id. */
	Flux<Usage> countByKey(SealedColumn column) {
		String sql = "select split_part(%2$s, ':', 1) as format, split_part(%2$s, ':', 2) as key_id, count(*) as n "
				+ "from %1$s where %2$s is not null group by 1, 2";
		return this.db.sql(sql.formatted(column.table(), column.column()))
			.map((row, meta) -> new Usage(column.name(), row.get("format", String.class),
					row.get("key_id", String.class), row.get("n", Long.class)))
			.all();
	}

	/**
	 * Locks up to {@code limit} values not sealed with {@code currentPrefix} (another
	 * key, or the first format) whose key is one of {@code openable}, skipping rows
	 * another instance holds. Must run in a transaction.
	 */
	Flux<Stale> lockStale(SealedColumn column, String currentPrefix, List<String> openable, int limit) {
		String sql = "select cast(%3$s as text) as id, %2$s as value from %1$s where %2$s is not null "
				+ "and %2$s not like :prefix and split_part(%2$s, ':', 2) = any(:openable) limit :limit "
				+ "for update skip locked";
		return this.db.sql(sql.formatted(column.table(), column.column(), column.idColumn()))
			.bind("prefix", currentPrefix + "%")
			.bind("openable", openable.toArray(String[]::new))
			.bind("limit", limit)
			.map((row, meta) -> new Stale(row.get("id", String.class), row.get("value", String.class)))
			.all();
	}

	Mono<Long> replace(SealedColumn column, String id, String value) {
		String sql = "update %1$s set %2$s = :value where %3$s = cast(:id as %4$s)";
		return this.db.sql(sql.formatted(column.table(), column.column(), column.idColumn(), column.idType()))
			.bind("value", value)
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * {@code rows} values of {@code column} in {@code format} name the key {@code keyId}.
	 */
	record Usage(String column, String format, String keyId, long rows) {

	}

	/** A value to re-seal; {@code toString} leaves the value out. */
	record Stale(String id, String value) {

		@Override
		public String toString() {
			return "Stale[" + this.id + "]";
		}

	}

}
