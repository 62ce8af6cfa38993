package dev.portcullis.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.mock.env.MockEnvironment;

import dev.portcullis.bootstrap.FlywayR2dbcEnvironmentPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LocalServicesEnvironmentPostProcessorTests {

	private static final DeferredLogFactory logFactory = (Supplier<Log> destination) -> destination.get();

	@TempDir
	static Path dataDirectory;

	@AfterAll
	static void stopServers() {
		EmbeddedServers.stop();
	}

	@Test
	void localProfileThenStartsServersKeepsKeyAndDataAcrossRestarts() throws Exception {
		MockEnvironment first = localEnvironment();
		postProcess(first);

		assertThat(first.getProperty("spring.r2dbc.url")).matches("r2dbc:postgresql://localhost:\\d+/portcullis");
		assertThat(first.getProperty("spring.r2dbc.username")).isEqualTo("postgres");
		assertThat(first.getProperty("spring.data.redis.url")).matches("redis://127\\.0\\.0\\.1:\\d+");
		assertThat(first.getProperty("portcullis.cookie.secure")).isEqualTo("false");
		String key = first.getProperty("portcullis.encryption.key");
		assertThat(Base64.getDecoder().decode(key)).hasSize(32);
		Path keyFile = dataDirectory.resolve("encryption.key");
		assertThat(keyFile).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		try (Connection connection = jdbc(first); Statement statement = connection.createStatement()) {
			assertThat(queryString(statement, "SELECT current_database()")).isEqualTo("portcullis");
			statement.execute("CREATE TABLE kept (value text)");
			statement.execute("INSERT INTO kept VALUES ('across restarts')");
		}
		assertThat(ping(first.getProperty("spring.data.redis.url"))).isEqualTo("PONG");

		MockEnvironment again = localEnvironment();
		postProcess(again);
		assertThat(again.getProperty("spring.r2dbc.url")).isEqualTo(first.getProperty("spring.r2dbc.url"));
		assertThat(again.getProperty("portcullis.encryption.key")).isEqualTo(key);

		int postgresPort = port(first.getProperty("spring.r2dbc.url"));
		int redisPort = port(first.getProperty("spring.data.redis.url"));
		assertThat(accepts(postgresPort)).isTrue();
		assertThat(accepts(redisPort)).isTrue();
		EmbeddedServers.stop();
		assertThat(accepts(postgresPort)).as("PostgreSQL stopped").isFalse();
		assertThat(accepts(redisPort)).as("Redis stopped").isFalse();
		EmbeddedServers.stop(); // a second stop is harmless
		MockEnvironment restarted = localEnvironment();
		postProcess(restarted);
		assertThat(restarted.getProperty("portcullis.encryption.key")).isEqualTo(key);
		try (Connection connection = jdbc(restarted); Statement statement = connection.createStatement()) {
			assertThat(queryString(statement, "SELECT value FROM kept")).isEqualTo("across restarts");
		}
		assertThat(ping(restarted.getProperty("spring.data.redis.url"))).isEqualTo("PONG");
	}

	@Test
	void noLocalProfileThenNothingSet() {
		MockEnvironment environment = new MockEnvironment();
		environment.setProperty("portcullis.local.data-dir", dataDirectory.resolve("unused").toString());
		new LocalServicesEnvironmentPostProcessor(logFactory).postProcessEnvironment(environment,
				new SpringApplication());
		assertThat(
				environment.getPropertySources().contains(LocalServicesEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.containsProperty("spring.r2dbc.url")).isFalse();
		assertThat(environment.containsProperty("spring.data.redis.url")).isFalse();
		assertThat(environment.containsProperty("portcullis.encryption.key")).isFalse();
		assertThat(environment.containsProperty("portcullis.cookie.secure")).isFalse();
		assertThat(dataDirectory.resolve("unused")).doesNotExist();
	}

	@Test
	void localProfileWithEverythingConfiguredThenNothingStartedOrChanged() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("local");
		environment.setProperty("portcullis.local.data-dir", dataDirectory.resolve("configured").toString());
		environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://db/portcullis");
		environment.setProperty("spring.data.redis.host", "cache");
		environment.setProperty("portcullis.encryption.key", "configured");
		environment.setProperty("portcullis.cookie.secure", "true");
		new LocalServicesEnvironmentPostProcessor(logFactory).postProcessEnvironment(environment,
				new SpringApplication());
		assertThat(
				environment.getPropertySources().contains(LocalServicesEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://db/portcullis");
		assertThat(environment.containsProperty("spring.data.redis.url")).isFalse();
		assertThat(dataDirectory.resolve("configured")).doesNotExist();
	}

	@Test
	void localProfileWithAMasterKeyringThenNoKeyGenerated() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("local");
		environment.setProperty("portcullis.local.data-dir", dataDirectory.resolve("keyring").toString());
		environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://db/portcullis");
		environment.setProperty("spring.data.redis.host", "cache");
		environment.setProperty("portcullis.encryption.keys.2026-12", "configured");
		environment.setProperty("portcullis.encryption.active", "2026-12");
		environment.setProperty("portcullis.cookie.secure", "true");
		new LocalServicesEnvironmentPostProcessor(logFactory).postProcessEnvironment(environment,
				new SpringApplication());
		assertThat(environment.containsProperty("portcullis.encryption.key")).isFalse();
		assertThat(dataDirectory.resolve("keyring")).doesNotExist();
	}

	@Test
	void runsAfterConfigDataAndBeforeFlywayDerivation() {
		assertThat(LocalServicesEnvironmentPostProcessor.ORDER).isLessThan(FlywayR2dbcEnvironmentPostProcessor.ORDER);
	}

	private static MockEnvironment localEnvironment() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("local");
		environment.setProperty("portcullis.local.data-dir", dataDirectory.toString());
		return environment;
	}

	/**
	 * Both post-processors in their Boot order, so Flyway's derived URL is checked too.
	 */
	/** The port of {@code scheme://host:port[/path]}. */
	private static int port(String url) {
		java.util.regex.Matcher port = java.util.regex.Pattern.compile("://[^:/]+:(\\d+)").matcher(url);
		assertThat(port.find()).isTrue();
		return Integer.parseInt(port.group(1));
	}

	private static boolean accepts(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void postProcess(ConfigurableEnvironment environment) {
		SpringApplication application = new SpringApplication();
		new LocalServicesEnvironmentPostProcessor(logFactory).postProcessEnvironment(environment, application);
		new FlywayR2dbcEnvironmentPostProcessor(logFactory).postProcessEnvironment(environment, application);
	}

	private static Connection jdbc(ConfigurableEnvironment environment) throws SQLException {
		return DriverManager.getConnection(environment.getProperty("spring.flyway.url"),
				environment.getProperty("spring.flyway.user"), environment.getProperty("spring.flyway.password"));
	}

	private static String queryString(Statement statement, String sql) throws SQLException {
		try (ResultSet row = statement.executeQuery(sql)) {
			assertThat(row.next()).isTrue();
			return row.getString(1);
		}
	}

	private static String ping(String url) {
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().ping();
		}
		finally {
			client.shutdown();
		}
	}

	@Nested
	class EncryptionKeyFile {

		@TempDir
		Path directory;

		@Test
		void malformedKeyFileThenRefusedInsteadOfReplaced() throws IOException {
			Files.writeString(this.directory.resolve("encryption.key"), "too-short");
			assertThatIllegalStateException().isThrownBy(() -> LocalEncryptionKey.loadOrCreate(this.directory))
				.withMessageContaining("encryption.key")
				.withMessageNotContaining("too-short");
			assertThat(this.directory.resolve("encryption.key")).hasContent("too-short");
		}

		@Test
		void missingDirectoryThenCreatedOwnerOnly() throws IOException {
			Path nested = this.directory.resolve("a/b");
			String key = LocalEncryptionKey.loadOrCreate(nested);
			assertThat(LocalEncryptionKey.loadOrCreate(nested)).isEqualTo(key);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
		}

	}

	@Nested
	class OrphanedServers {

		@TempDir
		Path directory;

		@Test
		void orphanWithExpectedCommandThenStopped() throws Exception {
			Process orphan = sleep();
			try {
				Path pidFile = this.directory.resolve("sleep.pid");
				Files.writeString(pidFile, orphan.pid() + "\nother lines\n");
				OrphanedServer.stop(pidFile, "sleep", (process) -> true);
				assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				orphan.destroyForcibly();
			}
		}

		@Test
		void pidOfAnotherProgramThenLeftAlone() throws Exception {
			Process unrelated = sleep();
			try {
				Path pidFile = this.directory.resolve("redis.pid");
				Files.writeString(pidFile, Long.toString(unrelated.pid()));
				OrphanedServer.stop(pidFile, "redis", (process) -> true);
				assertThat(unrelated.isAlive()).isTrue();
			}
			finally {
				unrelated.destroyForcibly();
			}
		}

		@Test
		void serverOfARunningJvmThenLeftAlone() throws Exception {
			Process child = sleep();
			try {
				Path pidFile = this.directory.resolve("sleep.pid");
				Files.writeString(pidFile, Long.toString(child.pid()));
				OrphanedServer.stop(pidFile, "sleep", OrphanedServer::withoutJvmParent);
				assertThat(child.isAlive()).isTrue();
			}
			finally {
				child.destroyForcibly();
			}
		}

		@Test
		void lockHeldThenNotOrphanedAndFreeLockThenOrphaned() throws IOException {
			Path lockFile = this.directory.resolve("epg-lock");
			Files.createFile(lockFile);
			ProcessHandle self = ProcessHandle.current();
			try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
					FileLock lock = channel.lock()) {
				assertThat(OrphanedServer.whenUnlocked(lockFile).test(self)).isFalse();
			}
			assertThat(OrphanedServer.whenUnlocked(lockFile).test(self)).isTrue();
			assertThat(OrphanedServer.whenUnlocked(this.directory.resolve("absent")).test(self)).isTrue();
		}

		@Test
		void missingOrGarbledPidFileThenNothingHappens() throws IOException {
			OrphanedServer.stop(this.directory.resolve("absent.pid"), "redis", (process) -> true);
			Path garbled = this.directory.resolve("garbled.pid");
			Files.writeString(garbled, "not a pid");
			OrphanedServer.stop(garbled, "redis", (process) -> true);
			assertThat(this.directory.resolve("absent.pid")).doesNotExist();
			assertThat(garbled).hasContent("not a pid");
		}

		private static Process sleep() throws IOException {
			return new ProcessBuilder("sleep", "120").start();
		}

	}

}
