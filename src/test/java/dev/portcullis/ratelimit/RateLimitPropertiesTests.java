package dev.portcullis.ratelimit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPropertiesTests {

	@Test
	void theContractsDefaults() {
		RateLimitProperties properties = bind(Map.of());
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.failOpen()).isTrue();
		assertThat(properties.signIn()).isEqualTo(limit("20/10m", "10/10m"));
		assertThat(properties.signUp()).isEqualTo(limit("20/1h", null));
		assertThat(properties.email()).isEqualTo(limit("20/1h", "5/1h"));
		assertThat(properties.twoFactor()).isEqualTo(limit(null, "10/10m"));
	}

	@Test
	void settingOneRateKeepsTheOthersDefault() {
		RateLimitProperties properties = bind(Map.of("portcullis.rate-limit.sign-in.per-ip", "50/1m",
				"portcullis.rate-limit.two-factor.per-ip", "30/10m"));
		assertThat(properties.signIn()).isEqualTo(limit("50/1m", "10/10m"));
		assertThat(properties.twoFactor()).isEqualTo(limit("30/10m", "10/10m"));
	}

	@Test
	void rulesBindWithPathsMethodsAndAnAccountHeader() {
		RateLimitProperties properties = bind(Map.of("portcullis.rate-limit.rules.introspection.paths",
				"/v1/tokens/introspect", "portcullis.rate-limit.rules.introspection.methods", "POST",
				"portcullis.rate-limit.rules.introspection.per-account", "3000/1m",
				"portcullis.rate-limit.rules.introspection.account-header", "Authorization"));
		RateLimitProperties.Rule rule = properties.rules().get("introspection");
		assertThat(rule.paths()).containsExactly("/v1/tokens/introspect");
		assertThat(rule.methods()).containsExactly("POST");
		assertThat(rule.limit()).isEqualTo(limit(null, "3000/1m"));
		assertThat(rule.accountHeader()).isEqualTo("Authorization");
	}

	private static RateLimitProperties.Limit limit(String perIp, String perAccount) {
		return new RateLimitProperties.Limit((perIp != null) ? Rate.valueOf(perIp) : null,
				(perAccount != null) ? Rate.valueOf(perAccount) : null);
	}

	private static RateLimitProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("portcullis.rate-limit",
				RateLimitProperties.class);
	}

}
