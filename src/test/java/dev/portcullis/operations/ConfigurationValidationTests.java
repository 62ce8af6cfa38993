package dev.portcullis.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.portcullis.PortcullisApplication;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A misconfiguration stops the start with a message that names the properties, before
 * anything serves. Each case fails while binding, so no server is started.
 */
class ConfigurationValidationTests {

	@Test
	void unknownSameSiteIsRefused() {
		assertStartFails(Map.of("portcullis.cookie.same-site", "loose"),
				"portcullis.cookie.same-site must be strict, lax or none");
	}

	@Test
	void sameSiteNoneWithoutSecureIsRefused() {
		assertStartFails(Map.of("portcullis.cookie.same-site", "none", "portcullis.cookie.secure", "false"),
				"portcullis.cookie.same-site=none requires portcullis.cookie.secure=true");
	}

	@Test
	void minimumPasswordLengthAboveTheMaximumIsRefused() {
		assertStartFails(Map.of("portcullis.password.min-length", "20", "portcullis.password.max-length", "10"),
				"portcullis.password.min-length (20) must be at least 1 and at most portcullis.password.max-length (10)");
	}

	@Test
	void sessionLifetimeAboveTheAbsoluteLifetimeIsRefused() {
		assertStartFails(Map.of("portcullis.session.expires-in", "100d"),
				"portcullis.session.expires-in (PT2400H) must not exceed portcullis.session.absolute-lifetime (PT2160H)");
	}

	private static void assertStartFails(Map<String, String> overrides, String message) {
		Map<String, Object> properties = new java.util.HashMap<>(TestInfrastructure.get().properties());
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.putAll(overrides);
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		assertThatThrownBy(() -> new SpringApplicationBuilder(PortcullisApplication.class).run(arguments).close())
			.satisfies((ex) -> {
				Throwable cause = ex;
				StringBuilder messages = new StringBuilder();
				while (cause != null) {
					messages.append(cause.getMessage()).append('\n');
					cause = cause.getCause();
				}
				org.assertj.core.api.Assertions.assertThat(messages.toString()).contains(message);
			});
	}

}
