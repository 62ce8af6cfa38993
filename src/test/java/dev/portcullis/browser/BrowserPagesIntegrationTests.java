package dev.portcullis.browser;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The files browsers load, and the headers they come with. */
class BrowserPagesIntegrationTests extends IntegrationTest {

	@Test
	void clientModuleIsTheRepositorysFileAsCacheableJavaScriptWithAnEtag() throws Exception {
		byte[] source = Files.readAllBytes(Path.of("clients/js/portcullis.js"));
		String etag = this.http.get()
			.uri("/portcullis.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"))
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofMinutes(10)).cachePublic())
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody(byte[].class)
			.value((body) -> assertThat(body).isEqualTo(source))
			.returnResult()
			.getResponseHeaders()
			.getETag();
		assertThat(etag).startsWith("\"").endsWith("\"");
		this.http.get()
			.uri("/portcullis.js")
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag);
	}

	@Test
	void accountPageForbidsInlineScriptAndFraming() {
		this.http.get()
			.uri("/account")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueEquals("Content-Security-Policy", BrowserHeaders.CONTENT_SECURITY_POLICY)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.doesNotExist("Strict-Transport-Security")
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<script type=\"module\" src=\"/account/assets/account.js\">")
				.doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
				.doesNotContain("style=\"")
				.doesNotContain(" onclick="));
		assertThat(BrowserHeaders.CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'", "script-src 'self';")
			.doesNotContain("unsafe-inline", "unsafe-eval");
	}

	@Test
	void resetPageIsNeverStored() {
		this.http.get()
			.uri("/account/reset-password?token=abc")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.valueEquals("Content-Security-Policy", BrowserHeaders.CONTENT_SECURITY_POLICY);
	}

	@Test
	void pageAssetsComeWithThePageHeadersAndUnknownOnesAreNotFound() {
		this.http.get()
			.uri("/account/assets/account.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"))
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff");
		this.http.get().uri("/account/assets/../application.yaml").exchange().expectStatus().is4xxClientError();
		this.http.get().uri("/account/assets/secret.txt").exchange().expectStatus().isNotFound();
	}

}
