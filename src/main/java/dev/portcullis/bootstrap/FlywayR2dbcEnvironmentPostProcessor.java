package dev.portcullis.bootstrap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Points Flyway at the database that R2DBC uses, so that {@code spring.r2dbc.url} (with
 * its username and password) is all a deployment sets for the database.
 * <p>
 * With only an R2DBC {@code ConnectionFactory}, Spring Boot creates no JDBC
 * {@code DataSource}, and Flyway then silently runs no migration unless it has its own
 * {@code spring.flyway.url}. When {@code spring.r2dbc.url} is set and
 * {@code spring.flyway.url} is not, this derives {@code spring.flyway.url},
 * {@code spring.flyway.user} and {@code spring.flyway.password} from it; an explicit
 * {@code spring.flyway.url} is left alone, and so is an explicit user or password. Only
 * PostgreSQL URLs are translated.
 * <p>
 * Runs after config data (so {@code application.yaml} and profile documents are seen) and
 * after the local embedded-services post-processor (order
 * {@code ConfigDataEnvironmentPostProcessor.ORDER + 50}), whose R2DBC URL it translates
 * too.
 */
public class FlywayR2dbcEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** After config data and after the local embedded services. */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 100;

	static final String PROPERTY_SOURCE_NAME = "portcullisFlywayFromR2dbc";

	private final Log logger;

	public FlywayR2dbcEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(FlywayR2dbcEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
		if (!StringUtils.hasText(r2dbcUrl) || StringUtils.hasText(environment.getProperty("spring.flyway.url"))) {
			return;
		}
		JdbcCoordinates jdbc;
		try {
			jdbc = JdbcCoordinates.fromR2dbc(r2dbcUrl, environment.getProperty("spring.r2dbc.username"),
					environment.getProperty("spring.r2dbc.password"));
		}
		catch (IllegalArgumentException ex) {
			// R2DBC's auto-configuration reports the bad URL with a proper failure
			// analysis
			this.logger.debug("spring.r2dbc.url cannot be parsed; not deriving spring.flyway.url", ex);
			return;
		}
		if (jdbc == null) {
			this.logger.debug("spring.r2dbc.url is not a PostgreSQL URL; not deriving spring.flyway.url");
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.flyway.url", jdbc.url());
		putIfAbsent(environment, properties, "spring.flyway.user", jdbc.user());
		putIfAbsent(environment, properties, "spring.flyway.password", jdbc.password());
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		this.logger.debug("Flyway migrates " + jdbc.url() + " (derived from spring.r2dbc.url)");
	}

	private static void putIfAbsent(ConfigurableEnvironment environment, Map<String, Object> properties, String name,
			String value) {
		if (value != null && !StringUtils.hasText(environment.getProperty(name))) {
			properties.put(name, value);
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * The JDBC twin of an R2DBC PostgreSQL URL: the same server, database, credentials
	 * and TLS settings, in the form the PostgreSQL JDBC driver understands. Only query
	 * options that mean the same on both drivers are carried over; R2DBC-only ones (pool
	 * sizes, fetch size, codecs) are dropped because pgjdbc would misread or reject them.
	 *
	 * @param url {@code jdbc:postgresql://host[:port]/[database][?options]}
	 * @param user the login, or {@code null} when neither the URL nor the property has
	 * one
	 * @param password the password, or {@code null}
	 */
	record JdbcCoordinates(String url, String user, String password) {

		/** R2DBC option name to pgjdbc parameter name, first match wins. */
		private static final Map<String, String> SHARED_OPTIONS = sharedOptions();

		private static final Option<Object> SSL = Option.valueOf("ssl");

		/**
		 * Derive JDBC coordinates from R2DBC ones. As Spring Boot does for R2DBC itself,
		 * a user or password in the URL wins over the separate properties.
		 * @param r2dbcUrl {@code spring.r2dbc.url}
		 * @param username {@code spring.r2dbc.username}, may be {@code null}
		 * @param password {@code spring.r2dbc.password}, may be {@code null}
		 * @return the coordinates, or {@code null} when the URL is not a PostgreSQL one
		 * @throws IllegalArgumentException when the URL cannot be parsed
		 */
		static JdbcCoordinates fromR2dbc(String r2dbcUrl, String username, String password) {
			ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(r2dbcUrl);
			if (!isPostgresql(options) || !options.hasOption(ConnectionFactoryOptions.HOST)) {
				return null;
			}
			// A failover URL lists "host:port,host:port" as its host: pgjdbc takes that
			// too.
			StringBuilder url = new StringBuilder("jdbc:postgresql://")
				.append(options.getValue(ConnectionFactoryOptions.HOST));
			Object port = options.getValue(ConnectionFactoryOptions.PORT);
			if (port != null) {
				url.append(':').append(port);
			}
			url.append('/');
			Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
			if (database != null) {
				url.append(encode(database.toString()));
			}
			String query = query(options);
			if (!query.isEmpty()) {
				url.append('?').append(query);
			}
			return new JdbcCoordinates(url.toString(),
					firstText(options.getValue(ConnectionFactoryOptions.USER), username),
					firstText(options.getValue(ConnectionFactoryOptions.PASSWORD), password));
		}

		/**
		 * {@code postgresql} or {@code postgres}, directly or behind {@code r2dbc:pool:}.
		 */
		private static boolean isPostgresql(ConnectionFactoryOptions options) {
			String driver = String.valueOf(options.getValue(ConnectionFactoryOptions.DRIVER));
			if ("pool".equals(driver)) {
				Object protocol = options.getValue(ConnectionFactoryOptions.PROTOCOL);
				driver = (protocol != null) ? protocol.toString().split(":", 2)[0] : "";
			}
			return "postgresql".equals(driver) || "postgres".equals(driver);
		}

		private static String query(ConnectionFactoryOptions options) {
			Map<String, String> parameters = new LinkedHashMap<>();
			SHARED_OPTIONS.forEach((r2dbcName, jdbcName) -> {
				Object value = options.getValue(Option.valueOf(r2dbcName));
				if (value != null && !parameters.containsKey(jdbcName)) {
					parameters.put(jdbcName, value.toString());
				}
			});
			if (parameters.containsKey("sslmode")) {
				// R2DBC also accepts the enum names (VERIFY_FULL); pgjdbc only
				// verify-full
				parameters.put("sslmode", parameters.get("sslmode").toLowerCase(Locale.ROOT).replace('_', '-'));
			}
			else if (Boolean.parseBoolean(String.valueOf(options.getValue(SSL)))) {
				// r2dbcs: or ssl=true make r2dbc-postgresql verify certificate and host
				// name
				parameters.put("sslmode", "verify-full");
			}
			StringJoiner query = new StringJoiner("&");
			parameters.forEach((name, value) -> query.add(name + "=" + encode(value)));
			return query.toString();
		}

		private static Map<String, String> sharedOptions() {
			Map<String, String> options = new LinkedHashMap<>();
			options.put("sslMode", "sslmode");
			options.put("sslmode", "sslmode");
			options.put("sslRootCert", "sslrootcert");
			options.put("sslCert", "sslcert");
			options.put("sslKey", "sslkey");
			options.put("sslPassword", "sslpassword");
			options.put("applicationName", "ApplicationName");
			options.put("currentSchema", "currentSchema");
			options.put("schema", "currentSchema");
			options.put("targetServerType", "targetServerType");
			options.put("loadBalanceHosts", "loadBalanceHosts");
			return options;
		}

		private static String firstText(Object fromUrl, String fromProperty) {
			if (fromUrl != null && StringUtils.hasText(fromUrl.toString())) {
				return fromUrl.toString();
			}
			return StringUtils.hasText(fromProperty) ? fromProperty : null;
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
		}

		@Override
		public String toString() {
			return "JdbcCoordinates[url=" + this.url + ", user=" + this.user + ", password=<hidden>]";
		}

	}

}
