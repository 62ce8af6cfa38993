package dev.portcullis.email;

import org.springframework.stereotype.Component;

import dev.portcullis.support.GatewayProperties;

/**
 * The links mails carry, per the contract: verification at
 * {@code {public-url}/v1/auth/verify-email?token=…}, reset at
 * {@code {password-reset.url}?token=…} (default
 * {@code {public-url}/account/reset-password}). Tokens are base64url, so they need no
 * escaping.
 */
@Component
class EmailLinks {

	private final String verify;

	private final String reset;

	EmailLinks(GatewayProperties gateway, EmailProperties properties) {
		this.verify = gateway.publicBase() + "/v1/auth/verify-email";
		this.reset = (properties.passwordReset().url() != null) ? properties.passwordReset().url().toString()
				: gateway.publicBase() + "/account/reset-password";
	}

	String verification(String token) {
		return withToken(this.verify, token);
	}

	String passwordReset(String token) {
		return withToken(this.reset, token);
	}

	private static String withToken(String base, String token) {
		return base + (base.contains("?") ? "&" : "?") + "token=" + token;
	}

}
