package dev.portcullis.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * This run's database (see {@link TestInfrastructure}) for fixtures and assertions that
 * HTTP cannot reach: plain JDBC on the test thread, one short connection per call.
 * Parameters bind in order; an {@link Instant} binds as a timestamp.
 */
public final class TestDatabase {

	private static final TestDatabase INSTANCE = new TestDatabase();

	private TestDatabase() {
	}

	public static TestDatabase get() {
		return INSTANCE;
	}

	/** Runs one statement and answers how many rows it changed. */
	public int update(String sql, Object... parameters) {
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement statement = prepare(db, sql, parameters)) {
			return statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/** The first column of the first row, or {@code null} when there is no row. */
	public <T> T value(Class<T> type, String sql, Object... parameters) {
		List<T> values = values(type, sql, parameters);
		return values.isEmpty() ? null : values.get(0);
	}

	/** The first column of every row. */
	public <T> List<T> values(Class<T> type, String sql, Object... parameters) {
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement statement = prepare(db, sql, parameters);
				ResultSet rows = statement.executeQuery()) {
			List<T> values = new ArrayList<>();
			while (rows.next()) {
				values.add(read(rows, type));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/** The answer of a {@code select count(*) …}. */
	public long count(String sql, Object... parameters) {
		return value(Long.class, sql, parameters);
	}

	/** Gives the user the admin role; it shows in tokens issued from the next sign-in. */
	public void promoteToAdmin(UUID userId) {
		if (update("update users set roles = '{user,admin}' where id = ?", userId) != 1) {
			throw new IllegalStateException("No user " + userId);
		}
	}

	private static PreparedStatement prepare(Connection db, String sql, Object... parameters) throws SQLException {
		PreparedStatement statement = db.prepareStatement(sql);
		for (int i = 0; i < parameters.length; i++) {
			Object parameter = (parameters[i] instanceof Instant instant) ? Timestamp.from(instant) : parameters[i];
			statement.setObject(i + 1, parameter);
		}
		return statement;
	}

	private static <T> T read(ResultSet rows, Class<T> type) throws SQLException {
		if (type == Instant.class) {
			Timestamp timestamp = rows.getTimestamp(1);
			return type.cast((timestamp != null) ? timestamp.toInstant() : null);
		}
		if (type == UUID.class || type == String.class || type == Long.class || type == Integer.class
				|| type == Boolean.class || type == byte[].class) {
			return rows.getObject(1, type);
		}
		throw new IllegalArgumentException("Cannot read " + type);
	}

}
