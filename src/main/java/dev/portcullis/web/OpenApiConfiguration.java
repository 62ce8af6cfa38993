package dev.portcullis.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs}: generated from the controllers,
 * with the contract's security schemes. Error responses are problem documents whose
 * {@code code} is named in each response's description.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI portcullisOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Portcullis")
				.version("v1")
				.description("Authentication gateway: sign-up, sign-in, rotating refresh tokens, sessions, JWKS.")
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
				.addSecuritySchemes("refreshCookie",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.COOKIE)
							.name("portcullis_refresh"))
				.addSecuritySchemes("introspectionClient",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
	}

}
