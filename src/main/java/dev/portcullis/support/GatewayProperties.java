package dev.portcullis.support;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Top-level gateway settings.
 *
 * @param issuer {@code iss} of every token and the discovery document; default
 * {@code http://localhost:8080}
 * @param publicUrl base of links in emails; defaults to the issuer
 * @param trustedProxies CIDR ranges whose forwarding header ({@code forwardedHeader}) is
 * believed; default none, so the socket peer is the client
 * @param forwardedHeader the forwarding header the trusted proxies append to, the only
 * one read: {@code x-forwarded-for} (default) or {@code forwarded}
 * @param redisPrefix prefix of every Redis key and channel; default {@code portcullis}
 */
@Validated
@ConfigurationProperties("portcullis")
public record GatewayProperties(@DefaultValue("http://localhost:8080") URI issuer, URI publicUrl,
		@DefaultValue List<String> trustedProxies, @DefaultValue("x-forwarded-for") ForwardedHeader forwardedHeader,
		@DefaultValue("portcullis") String redisPrefix) {

	/** The issuer as it appears in tokens, without a trailing slash. */
	public String issuerId() {
		String value = this.issuer.toString();
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	public String publicBase() {
		String value = (this.publicUrl != null) ? this.publicUrl.toString() : issuerId();
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

}
