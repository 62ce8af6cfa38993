package dev.portcullis.client.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.ServiceTokens;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A standard Spring Security resource server (the reactive authentication manager of
 * {@code oauth2ResourceServer().jwt()}), configured from the issuer URI alone plus the
 * checks docs/resource-servers.md asks for ({@code typ: at+jwt}, its own audience),
 * accepts a client-credentials token and reads {@code scope} as {@code SCOPE_…}
 * authorities.
 */
class ServiceTokenResourceServerIntegrationTests extends IntegrationTest {

	@Test
	void resourceServerFromTheIssuerAcceptsAServiceTokenForItsAudienceWithScopeAuthorities() {
		JwtReactiveAuthenticationManager ordersApi = resourceServer("orders-api");
		String token = ServiceTokens
			.obtain(this.http, TestInfrastructure.ORDERS_CLIENT, TestInfrastructure.ORDERS_SECRET)
			.get("access_token")
			.asString();

		Authentication authentication = ordersApi.authenticate(new BearerTokenAuthenticationToken(token))
			.block(Duration.ofSeconds(10));

		assertThat(authentication.getName()).isEqualTo(TestInfrastructure.ORDERS_CLIENT);
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.contains("SCOPE_orders:read", "SCOPE_orders:write");
		assertThat(((Jwt) authentication.getPrincipal()).getClaimAsString("client_id"))
			.isEqualTo(TestInfrastructure.ORDERS_CLIENT);
	}

	@Test
	void resourceServerRefusesAServiceTokenMeantForAnotherAudience() {
		JwtReactiveAuthenticationManager ordersApi = resourceServer("orders-api");
		String billingOnly = ServiceTokens
			.obtain(this.http, TestInfrastructure.ORDERS_CLIENT, TestInfrastructure.ORDERS_SECRET, "audience",
					"billing-api")
			.get("access_token")
			.asString();

		assertThatThrownBy(() -> ordersApi.authenticate(new BearerTokenAuthenticationToken(billingOnly))
			.block(Duration.ofSeconds(10))).hasMessageContaining("aud");
	}

	private static JwtReactiveAuthenticationManager resourceServer(String audience) {
		String issuer = TestInfrastructure.get().issuer();
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer)
			.validateType(false)
			.build();
		OAuth2TokenValidator<Jwt> audienceValidator = new JwtClaimValidator<java.util.List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains(audience));
		// expiry checked against the tests' clock, which stands at 2026-01-01
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(MutableClock.shared());
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(timestamps, new JwtIssuerValidator(issuer),
				new JwtTypeValidator("at+jwt"), audienceValidator));
		JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
		manager.setJwtAuthenticationConverter(
				new ReactiveJwtAuthenticationConverterAdapter(new JwtAuthenticationConverter()));
		return manager;
	}

}
