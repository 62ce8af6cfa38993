package dev.portcullis.browser;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import dev.portcullis.support.GatewayProperties;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserHeadersTests {

	@Test
	void pagesOfAnHttpsIssuerSendStrictTransportSecurity() {
		HttpHeaders headers = new HttpHeaders();
		new BrowserHeaders(gateway("https://auth.example.com")).page(headers);
		assertThat(headers.getFirst("Strict-Transport-Security")).isEqualTo("max-age=31536000");
	}

	@Test
	void pagesOfAPlainHttpIssuerDoNot() {
		HttpHeaders headers = new HttpHeaders();
		new BrowserHeaders(gateway("http://localhost:8080")).page(headers);
		assertThat(headers.containsHeader("Strict-Transport-Security")).isFalse();
		assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
	}

	private static GatewayProperties gateway(String issuer) {
		return new GatewayProperties(URI.create(issuer), null, List.of(),
				dev.portcullis.support.ForwardedHeader.X_FORWARDED_FOR, "portcullis");
	}

}
