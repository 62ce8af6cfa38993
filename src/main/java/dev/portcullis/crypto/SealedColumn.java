package dev.portcullis.crypto;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A database column whose values {@link SecretBox} seals, declared by the feature that
 * owns the table. The table, column and row id are bound into every value's associated
 * data, so a value copied to another row or column does not open. The background re-seal
 * ({@code portcullis.encryption.reseal}) moves every declared column's values to the
 * active master key and the current format; a feature that seals a column declares it as
 * a bean, or its values never move and the start-up check cannot see them.
 *
 * @param table the table
 * @param column the sealed text column (null values are skipped)
 * @param idColumn the table's single-column primary key
 * @param idType the SQL type of the key: {@code uuid}, {@code integer} or {@code text}
 * @param legacyPurpose the associated data of values sealed in the first format
 * ({@code v1:}), before row identity was bound
 */
public record SealedColumn(String table, String column, String idColumn, String idType, String legacyPurpose) {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	private static final Set<String> ID_TYPES = Set.of("uuid", "integer", "text");

	public SealedColumn {
		for (String name : new String[] { table, column, idColumn }) {
			if (name == null || !IDENTIFIER.matcher(name).matches()) {
				throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
			}
		}
		if (!ID_TYPES.contains(idType)) {
			throw new IllegalArgumentException("Row ids must be one of " + ID_TYPES + ", not " + idType);
		}
	}

	/** {@code table.column}, as the metrics and messages name it. */
	public String name() {
		return this.table + "." + this.column;
	}

}
