package dev.portcullis.operations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

class MigrateOnlyTests {

	@Test
	void requestedByArgumentOrNotAtAll() {
		assertThat(MigrateOnly.requested(new String[] { "--portcullis.migrate-only=true" })).isTrue();
		assertThat(MigrateOnly.requested(new String[] { "--server.port=0" })).isFalse();
	}

	@Test
	void migratesAnEmptyDatabaseAndReturns() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		String database = "portcullis_migrate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String server = infrastructure.postgresHost() + ":" + infrastructure.postgresPort();
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", "postgres",
				""); Statement statement = admin.createStatement()) {
			statement.execute("create database " + database);
		}
		try {
			MigrateOnly.run(new String[] { "--spring.r2dbc.url=r2dbc:postgresql://" + server + "/" + database,
					"--spring.r2dbc.username=postgres", "--spring.flyway.enabled=false" });

			try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + server + "/" + database,
					"postgres", "");
					Statement statement = connection.createStatement();
					ResultSet applied = statement
						.executeQuery("select count(*) from flyway_schema_history where success")) {
				applied.next();
				assertThat(applied.getInt(1)).isPositive();
			}
		}
		finally {
			try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", "postgres",
					""); Statement statement = admin.createStatement()) {
				statement.execute("drop database if exists " + database + " with (force)");
			}
		}
	}

}
