package dev.portcullis.support;

import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Real PostgreSQL and Redis for the tests: Testcontainers when a Docker engine answers,
 * otherwise the local services
 * ({@code PORTCULLIS_TEST_PG_HOST}/{@code _PORT}/{@code _USER}/ {@code _PASSWORD},
 * {@code PORTCULLIS_TEST_REDIS_URL}; defaults 127.0.0.1:5432 postgres and
 * redis://127.0.0.1:6379). Each test JVM gets its own database and its own Redis key
 * prefix, both removed when the JVM exits.
 */
public final class TestInfrastructure {

	private static final String RUN_ID = HexFormat.of().formatHex(new SecureRandom().generateSeed(5));

	public static final String INTROSPECTION_CLIENT = "test-service";

	public static final String INTROSPECTION_SECRET = "test-service-secret";

	/**
	 * Service client with an {@code {argon2}} secret: scopes {@code orders:read
	 * orders:write}, audiences {@code orders-api billing-api}.
	 */
	public static final String ORDERS_CLIENT = "orders-service";

	public static final String ORDERS_SECRET = "orders-secret-7f3a9c";

	/**
	 * Service client with a {@code {bcrypt}} secret: scope {@code reports:read},
	 * audiences {@code reports-api} and the gateway's own audience (the issuer).
	 */
	public static final String REPORTS_CLIENT = "reports-service";

	public static final String REPORTS_SECRET = "reports-secret-2b81d0";

	/**
	 * Service client with a {@code {noop}} secret, no scopes, audience {@code plain-api},
	 * tokens for one minute.
	 */
	public static final String PLAIN_CLIENT = "plain-service";

	public static final String PLAIN_SECRET = "plain secret+with:odd&chars";

	/** The rate every limit has in tests unless a test sets its own. */
	public static final String GENEROUS = "100000/10m";

	private static volatile TestInfrastructure instance;

	private final String jdbcBase;

	private final String user;

	private final String password;

	private final String database;

	private final String redisUrl;

	private final int port;

	private final int managementPort;

	private final String encryptionKey;

	private final String ordersSecretHash = "{argon2}"
			+ Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(ORDERS_SECRET);

	private final String reportsSecretHash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(REPORTS_SECRET);

	private final java.util.List<String> extraDatabases = new java.util.concurrent.CopyOnWriteArrayList<>();

	private TestInfrastructure() {
		if (dockerAvailable()) {
			PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");
			postgres.start();
			GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
			redis.start();
			this.jdbcBase = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/";
			this.user = postgres.getUsername();
			this.password = postgres.getPassword();
			this.redisUrl = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
		}
		else {
			this.jdbcBase = "jdbc:postgresql://" + env("PORTCULLIS_TEST_PG_HOST", "127.0.0.1") + ":"
					+ env("PORTCULLIS_TEST_PG_PORT", "5432") + "/";
			this.user = env("PORTCULLIS_TEST_PG_USER", "postgres");
			this.password = env("PORTCULLIS_TEST_PG_PASSWORD", "");
			this.redisUrl = env("PORTCULLIS_TEST_REDIS_URL", "redis://127.0.0.1:6379");
		}
		this.database = "portcullis_test_" + RUN_ID;
		this.port = freePort();
		this.managementPort = freePort();
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.encryptionKey = Base64.getEncoder().encodeToString(key);
		createDatabase();
		Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "test-infrastructure-cleanup"));
	}

	public static TestInfrastructure get() {
		if (instance == null) {
			synchronized (TestInfrastructure.class) {
				if (instance == null) {
					instance = new TestInfrastructure();
				}
			}
		}
		return instance;
	}

	/**
	 * The properties an application instance needs to run against this run's services.
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url",
				"r2dbc:postgresql://" + this.jdbcBase.substring("jdbc:postgresql://".length()) + this.database);
		properties.put("spring.r2dbc.username", this.user);
		properties.put("spring.r2dbc.password", this.password);
		// Dynamic test properties arrive after environment post-processing, so the Flyway
		// coordinates derived from spring.r2dbc.url in production are given here
		// directly.
		properties.put("spring.flyway.url", jdbcUrl());
		properties.put("spring.flyway.user", this.user);
		properties.put("spring.flyway.password", this.password);
		// Several application contexts (and several engineers' test runs) share one
		// server.
		properties.put("spring.r2dbc.pool.initial-size", "1");
		properties.put("spring.r2dbc.pool.max-size", "8");
		properties.put("spring.data.redis.url", this.redisUrl);
		// Names this JVM's Redis connections, so a test can find and kill only its own.
		properties.put("spring.data.redis.client-name", redisClientName());
		properties.put("portcullis.redis-prefix", "test-" + RUN_ID);
		properties.put("portcullis.encryption.key", this.encryptionKey);
		properties.put("portcullis.issuer", issuer());
		properties.put("server.port", String.valueOf(this.port));
		// Actuator on its own port, as in production; the tests read the contract from
		// the OpenAPI description, which is off by default outside the local profile.
		properties.put("management.server.port", String.valueOf(this.managementPort));
		properties.put("springdoc.api-docs.enabled", "true");
		// Only traces a test asks for (traceparent with the sampled flag) are recorded.
		properties.put("management.tracing.sampling.probability", "0.0");
		// Traces a test asks for reach the in-memory exporter without a 5 s wait.
		properties.put("management.opentelemetry.tracing.export.schedule-delay", "100ms");
		properties.put("portcullis.introspection.clients", INTROSPECTION_CLIENT + ":" + INTROSPECTION_SECRET);
		properties.putAll(serviceClients());
		// Every instance delivers mail to this JVM's GreenMail. Tests deliver the outbox
		// themselves (Mailbox), in small batches so that batching is exercised; a poll
		// would race their assertions.
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", String.valueOf(TestMailServer.get().port()));
		properties.put("portcullis.email.outbox.poll-interval", "1h");
		properties.put("portcullis.email.outbox.batch-size", "3");
		// Tests run the sweep themselves; a scheduled one could race their fixtures.
		properties.put("portcullis.session.sweep-interval", "1h");
		// Every test signs in from 127.0.0.1 in one JVM: limits no test can reach by
		// accident.
		// Tests of the limits set the contract's values (or small ones) on their own
		// instances.
		// Several suites share this machine's two cores: a loaded JVM must not fail open
		// by timeout.
		properties.put("portcullis.rate-limit.timeout", "2s");
		// Every sign-up and sign-in hashes: the cheapest Argon2id keeps that off the
		// suite's critical path (PasswordHasherTests checks the real defaults).
		properties.put("portcullis.password.argon2.memory", "8KB");
		properties.put("portcullis.password.argon2.iterations", "1");
		properties.put("portcullis.rate-limit.sign-in.per-ip", GENEROUS);
		properties.put("portcullis.rate-limit.sign-in.per-account", GENEROUS);
		properties.put("portcullis.rate-limit.sign-up.per-ip", GENEROUS);
		properties.put("portcullis.rate-limit.email.per-ip", GENEROUS);
		properties.put("portcullis.rate-limit.email.per-account", GENEROUS);
		properties.put("portcullis.rate-limit.two-factor.per-account", GENEROUS);
		properties.put("portcullis.rate-limit.client-credentials.per-ip", GENEROUS);
		properties.put("portcullis.rate-limit.client-credentials.per-account", GENEROUS);
		properties.put("portcullis.rate-limit.password-change.per-ip", GENEROUS);
		properties.put("portcullis.rate-limit.password-change.per-account", GENEROUS);
		properties.put("portcullis.rate-limit.refresh-failures.per-ip", GENEROUS);
		// Parallel-sign-in tests on a shared two-core machine must not be shed as
		// overloaded; the overload tests set their own pool and queue time.
		properties.put("portcullis.password.hashing.max-queue-time", "60s");
		return properties;
	}

	private Map<String, String> serviceClients() {
		Map<String, String> properties = new LinkedHashMap<>();
		String orders = "portcullis.clients." + ORDERS_CLIENT + ".";
		properties.put(orders + "secret", this.ordersSecretHash);
		properties.put(orders + "scopes", "orders:read,orders:write");
		properties.put(orders + "audiences", "orders-api,billing-api");
		String reports = "portcullis.clients." + REPORTS_CLIENT + ".";
		properties.put(reports + "secret", this.reportsSecretHash);
		properties.put(reports + "scopes", "reports:read");
		properties.put(reports + "audiences", "reports-api," + issuer());
		String plain = "portcullis.clients." + PLAIN_CLIENT + ".";
		properties.put(plain + "secret", "{noop}" + PLAIN_SECRET);
		properties.put(plain + "audiences", "plain-api");
		properties.put(plain + "token-ttl", "1m");
		return properties;
	}

	/** The port of the gateway under test ({@code server.port}). */
	public int port() {
		return this.port;
	}

	public String issuer() {
		return "http://localhost:" + this.port;
	}

	/** Where the shared test instance serves {@code /actuator}. */
	public String managementUrl() {
		return "http://localhost:" + this.managementPort;
	}

	public String jdbcUrl() {
		return this.jdbcBase + this.database;
	}

	/** Host of this run's PostgreSQL server (for tests that put something in between). */
	public String postgresHost() {
		String authority = this.jdbcBase.substring("jdbc:postgresql://".length(), this.jdbcBase.length() - 1);
		return authority.substring(0, authority.lastIndexOf(':'));
	}

	public int postgresPort() {
		String authority = this.jdbcBase.substring("jdbc:postgresql://".length(), this.jdbcBase.length() - 1);
		return Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
	}

	public String database() {
		return this.database;
	}

	public String redisUrl() {
		return this.redisUrl;
	}

	public String redisClientName() {
		return "portcullis-test-" + RUN_ID;
	}

	public String redisPrefix() {
		return "test-" + RUN_ID;
	}

	public Connection connect() throws java.sql.SQLException {
		return DriverManager.getConnection(jdbcUrl(), this.user, this.password);
	}

	/**
	 * Creates another empty database of this run, for tests that change what every
	 * instance on a database sees (its master keys, its signing keys), and answers the
	 * properties that point an instance at it and at its own Redis prefix. Dropped when
	 * the JVM exits, like the run's own.
	 */
	public Map<String, String> separateDatabase(String name) {
		String database = this.database + "_" + name;
		execute("create database " + database);
		this.extraDatabases.add(database);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url",
				"r2dbc:postgresql://" + this.jdbcBase.substring("jdbc:postgresql://".length()) + database);
		properties.put("spring.flyway.url", this.jdbcBase + database);
		properties.put("portcullis.redis-prefix", redisPrefix() + "-" + name);
		return properties;
	}

	/** A connection to a database made by {@link #separateDatabase}. */
	public Connection connect(String name) throws java.sql.SQLException {
		return DriverManager.getConnection(this.jdbcBase + this.database + "_" + name, this.user, this.password);
	}

	private void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(this.jdbcBase + "postgres", this.user, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not run " + sql + " on " + this.jdbcBase, ex);
		}
	}

	private void createDatabase() {
		try (Connection connection = DriverManager.getConnection(this.jdbcBase + "postgres", this.user, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + this.database);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create the test database on " + this.jdbcBase
					+ " (is PostgreSQL running? see TestInfrastructure)", ex);
		}
	}

	private void cleanUp() {
		try (Connection connection = DriverManager.getConnection(this.jdbcBase + "postgres", this.user, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + this.database + " with (force)");
			for (String extra : this.extraDatabases) {
				statement.execute("drop database if exists " + extra + " with (force)");
			}
		}
		catch (Exception ex) {
			System.err.println("Could not drop " + this.database + ": " + ex);
		}
		RedisClient client = RedisClient.create(this.redisUrl);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = connection.sync()
					.scan(cursor, ScanArgs.Builder.matches("*" + redisPrefix() + "*").limit(1000));
				if (!page.getKeys().isEmpty()) {
					connection.sync().del(page.getKeys().toArray(String[]::new));
				}
				cursor = page;
			}
			while (!cursor.isFinished());
		}
		catch (Exception ex) {
			System.err.println("Could not clean Redis keys of " + redisPrefix() + ": " + ex);
		}
		finally {
			client.shutdown();
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/**
	 * A client of a management server: a Prometheus scrape with the latency histograms is
	 * larger than WebTestClient's default 256 KiB buffer.
	 */
	public static WebTestClient managementClient(String baseUrl) {
		return WebTestClient.bindToServer()
			.baseUrl(baseUrl)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

}
