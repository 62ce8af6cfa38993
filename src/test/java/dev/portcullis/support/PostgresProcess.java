package dev.portcullis.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of its own ({@code initdb}, {@code pg_ctl}) on a free loopback
 * port, which a test can stop and start again without touching the shared server. The
 * binaries come from {@code PORTCULLIS_TEST_PG_BIN}, else the newest
 * {@code /usr/lib/postgresql/N/bin}. PostgreSQL refuses to run as root, so as root the
 * commands run as the {@code postgres} system user ({@code runuser}).
 */
public final class PostgresProcess implements AutoCloseable {

	private static final String DATABASE = "portcullis";

	private final Path bin;

	private final Path directory;

	private final int port;

	private PostgresProcess(Path bin, Path directory, int port) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
	}

	/** Creates a cluster with a {@code portcullis} database, and starts it. */
	public static PostgresProcess start() {
		try {
			Path directory = Files.createTempDirectory("portcullis-pg-");
			PostgresProcess postgres = new PostgresProcess(binaries(), directory, TestInfrastructure.freePort());
			if (isRoot()) {
				run(List.of("chown", "postgres:postgres", directory.toString()));
			}
			postgres.pg("initdb", "-D", directory.resolve("data").toString(), "-U", "postgres", "--auth=trust",
					"--no-sync", "-E", "UTF8");
			postgres.restart();
			try (Connection connection = postgres.connect("postgres")) {
				connection.createStatement().execute("create database " + DATABASE);
			}
			return postgres;
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** Starts the server (again) and waits until it accepts connections. */
	public void restart() {
		pg("pg_ctl", "-D", data(), "-l", this.directory.resolve("log").toString(), "-w", "-t", "30", "-o",
				"-p " + this.port + " -c listen_addresses=127.0.0.1 -k " + this.directory
						+ " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60",
				"start");
	}

	/**
	 * Stops the server in {@code fast} mode: sessions are cut, as a restart or a failover
	 * does.
	 */
	public void stop() {
		pg("pg_ctl", "-D", data(), "-m", "fast", "-w", "-t", "30", "stop");
	}

	/** The properties that point a gateway at this server. */
	public Map<String, String> properties() {
		Map<String, String> properties = new HashMap<>();
		properties.put("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:" + this.port + "/" + DATABASE);
		properties.put("spring.r2dbc.username", "postgres");
		properties.put("spring.r2dbc.password", "");
		properties.put("spring.flyway.url", jdbcUrl());
		properties.put("spring.flyway.user", "postgres");
		properties.put("spring.flyway.password", "");
		return properties;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + DATABASE;
	}

	public Connection connect() throws SQLException {
		return connect(DATABASE);
	}

	private Connection connect(String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database, "postgres", "");
	}

	@Override
	public void close() {
		try {
			pg("pg_ctl", "-D", data(), "-m", "immediate", "-w", "-t", "30", "stop");
		}
		catch (IllegalStateException ex) {
			// already stopped
		}
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary folder left behind is harmless
		}
	}

	private String data() {
		return this.directory.resolve("data").toString();
	}

	private void pg(String program, String... arguments) {
		List<String> command = new ArrayList<>();
		if (isRoot()) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(this.bin.resolve(program).toString());
		command.addAll(List.of(arguments));
		run(command);
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(output));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static Path binaries() throws IOException {
		String configured = System.getenv("PORTCULLIS_TEST_PG_BIN");
		if (configured != null && !configured.isBlank()) {
			return Paths.get(configured);
		}
		try (var versions = Files.list(Paths.get("/usr/lib/postgresql"))) {
			return versions.filter((path) -> Files.isExecutable(path.resolve("bin/initdb")))
				.max(java.util.Comparator.comparingInt((path) -> Integer.parseInt(path.getFileName().toString())))
				.map((path) -> path.resolve("bin"))
				.orElseThrow(() -> new IllegalStateException(
						"No PostgreSQL server binaries under /usr/lib/postgresql (install postgresql, see .ci/run)"));
		}
	}

}
