package dev.portcullis.operations;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Migration-only mode ({@code portcullis.migrate-only=true}, as the environment variable
 * {@code PORTCULLIS_MIGRATE_ONLY=true} or the argument
 * {@code --portcullis.migrate-only=true}): the process applies the Flyway migrations to
 * the configured database and exits, without a web server, Redis or background work.
 * Kubernetes runs it as a Job before a rollout; the Deployment then runs with
 * {@code spring.flyway.enabled=false}, so that many pods starting at once never race to
 * migrate and a failed migration never leaves a half-started gateway serving.
 * <p>
 * Read before any application context exists, so only the command line, system properties
 * and the environment can set it (not {@code application.yaml} or a config tree).
 */
public final class MigrateOnly {

	public static final String PROPERTY = "portcullis.migrate-only";

	private MigrateOnly() {
	}

	public static boolean requested(String[] args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return environment.getProperty(PROPERTY, Boolean.class, false);
	}

	/** Migrates and returns once the migrations are applied; throws if they fail. */
	public static void run(String[] args) {
		// Over application.yaml (reactive) and the Deployment's configuration (Flyway
		// off), which a Job may share; an argument given twice would not override.
		String[] migrating = Stream
			.concat(Arrays.stream(args)
				.filter((arg) -> !arg.startsWith("--spring.flyway.enabled=")
						&& !arg.startsWith("--spring.main.web-application-type=")),
					Stream.of("--spring.flyway.enabled=true", "--spring.main.web-application-type=none"))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Migrations.class)
			.web(WebApplicationType.NONE)
			.run(migrating)) {
			// Flyway migrated while the context started
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(FlywayAutoConfiguration.class)
	static class Migrations {

	}

}
