package dev.portcullis.bootstrap;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

class FlywayR2dbcEnvironmentPostProcessorTests {

	private final DeferredLogFactory logFactory = (Supplier<Log> destination) -> destination.get();

	private final FlywayR2dbcEnvironmentPostProcessor processor = new FlywayR2dbcEnvironmentPostProcessor(
			this.logFactory);

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void urlWithSeparateCredentialsThenDerivesFlywayUrlUserAndPassword() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://db.example.com:6543/portcullis");
		this.environment.setProperty("spring.r2dbc.username", "gate");
		this.environment.setProperty("spring.r2dbc.password", "s3cret");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://db.example.com:6543/portcullis");
		assertThat(this.environment.getProperty("spring.flyway.user")).isEqualTo("gate");
		assertThat(this.environment.getProperty("spring.flyway.password")).isEqualTo("s3cret");
	}

	@Test
	void urlWithoutPortThenJdbcUrlHasNoPort() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://localhost/portcullis");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://localhost/portcullis");
		assertThat(this.environment.containsProperty("spring.flyway.user")).isFalse();
		assertThat(this.environment.containsProperty("spring.flyway.password")).isFalse();
	}

	@Test
	void credentialsInUrlThenDecodedAndPreferredOverProperties() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://u%40corp:p%3Aw%40d@db:5432/portcullis");
		this.environment.setProperty("spring.r2dbc.username", "ignored");
		this.environment.setProperty("spring.r2dbc.password", "ignored");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://db:5432/portcullis");
		assertThat(this.environment.getProperty("spring.flyway.user")).isEqualTo("u@corp");
		assertThat(this.environment.getProperty("spring.flyway.password")).isEqualTo("p:w@d");
	}

	@Test
	void sslOptionsThenCarriedOverAndR2dbcOnlyOptionsDropped() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://db/portcullis"
				+ "?sslMode=VERIFY_FULL&sslRootCert=/etc/ssl/root%20ca.pem&fetchSize=50&applicationName=portcullis");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://db/portcullis"
				+ "?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Froot%20ca.pem&ApplicationName=portcullis");
	}

	@Test
	void lowerCaseSslmodeThenCarriedOver() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://db/portcullis?sslmode=require");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://db/portcullis?sslmode=require");
	}

	@Test
	void r2dbcsSchemeThenJdbcVerifiesCertificateLikeR2dbc() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbcs:postgresql://db/portcullis");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://db/portcullis?sslmode=verify-full");
	}

	@Test
	void pooledUrlThenUnderlyingPostgresqlUsed() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:pool:postgresql://db:5432/portcullis?maxSize=20");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://db:5432/portcullis");
	}

	@Test
	void failoverUrlThenHostListKept() {
		this.environment.setProperty("spring.r2dbc.url",
				"r2dbc:postgresql:failover://db1:5432,db2:5433/portcullis?targetServerType=primary");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://db1:5432,db2:5433/portcullis?targetServerType=primary");
	}

	@Test
	void ipv6HostThenBracketsKept() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://[::1]:5432/portcullis");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://[::1]:5432/portcullis");
	}

	@Test
	void databaseNameWithSpaceThenEncoded() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://db/my%20gate");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://db/my%20gate");
	}

	@Test
	void explicitFlywayUrlThenNothingDerived() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://db/portcullis");
		this.environment.setProperty("spring.r2dbc.username", "gate");
		this.environment.setProperty("spring.flyway.url", "jdbc:postgresql://migrations/portcullis");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://migrations/portcullis");
		assertThat(this.environment.containsProperty("spring.flyway.user")).isFalse();
		assertThat(this.environment.getPropertySources()
			.contains(FlywayR2dbcEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void explicitFlywayUserThenKept() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://db/portcullis");
		this.environment.setProperty("spring.r2dbc.username", "app");
		this.environment.setProperty("spring.r2dbc.password", "app-secret");
		this.environment.setProperty("spring.flyway.user", "owner");
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://db/portcullis");
		assertThat(this.environment.getProperty("spring.flyway.user")).isEqualTo("owner");
		assertThat(this.environment.getProperty("spring.flyway.password")).isEqualTo("app-secret");
	}

	@Test
	void derivedValuesThenWinOverLowerSourcesWithBlankValues() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:postgresql://db/portcullis");
		this.environment.getPropertySources()
			.addLast(new MapPropertySource("defaults", Map.of("spring.flyway.url", "")));
		postProcess();
		assertThat(this.environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://db/portcullis");
	}

	@Test
	void noR2dbcUrlThenNothingSet() {
		postProcess();
		assertThat(this.environment.containsProperty("spring.flyway.url")).isFalse();
		assertThat(this.environment.getPropertySources()
			.contains(FlywayR2dbcEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void otherDatabaseThenNothingSet() {
		this.environment.setProperty("spring.r2dbc.url", "r2dbc:h2:mem:///testdb");
		postProcess();
		assertThat(this.environment.containsProperty("spring.flyway.url")).isFalse();
	}

	@Test
	void unparsableUrlThenNothingSetAndNoFailure() {
		this.environment.setProperty("spring.r2dbc.url", "not a url");
		postProcess();
		assertThat(this.environment.containsProperty("spring.flyway.url")).isFalse();
	}

	@Test
	void coordinatesToStringThenPasswordHidden() {
		var jdbc = FlywayR2dbcEnvironmentPostProcessor.JdbcCoordinates.fromR2dbc("r2dbc:postgresql://db/portcullis",
				"gate", "s3cret");
		assertThat(jdbc.toString()).doesNotContain("s3cret");
	}

	@Test
	void runsAfterConfigDataSoApplicationYamlIsSeen() {
		assertThat(this.processor.getOrder()).isGreaterThan(ConfigDataEnvironmentPostProcessor.ORDER);
	}

	@Test
	void registeredUnderBoot4Key() throws IOException {
		List<String> registered = new ArrayList<>();
		Enumeration<URL> resources = getClass().getClassLoader().getResources("META-INF/spring.factories");
		while (resources.hasMoreElements()) {
			Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(resources.nextElement()));
			String names = factories.getProperty(EnvironmentPostProcessor.class.getName(), "");
			registered.addAll(StringUtils.commaDelimitedListToSet(names.replaceAll("\\s", "")));
		}
		assertThat(registered).contains(FlywayR2dbcEnvironmentPostProcessor.class.getName());
	}

	private void postProcess() {
		this.processor.postProcessEnvironment(this.environment, new SpringApplication());
	}

}
