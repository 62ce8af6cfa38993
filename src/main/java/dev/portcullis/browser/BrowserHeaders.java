package dev.portcullis.browser;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.portcullis.support.GatewayProperties;

/**
 * The headers of the account pages. The policy allows scripts and styles from this origin
 * only (no inline script, no eval), images from this origin and {@code data:} (the 2FA QR
 * code), calls to this origin only, and no framing ({@code frame-ancestors 'none'}
 * against clickjacking). {@code Referrer-Policy: no-referrer} keeps the reset token of
 * {@code /account/reset-password?token=…} out of every request the page makes.
 * {@code Strict-Transport-Security} is sent when the issuer is https, whether or not TLS
 * ends in front of the gateway.
 */
@Component
class BrowserHeaders {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
			+ "frame-ancestors 'none'";

	static final String HSTS = "max-age=31536000";

	private final boolean https;

	BrowserHeaders(GatewayProperties gateway) {
		this.https = "https".equalsIgnoreCase(gateway.issuer().getScheme());
	}

	/** Headers of every page and page asset. */
	void page(HttpHeaders headers) {
		headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Referrer-Policy", "no-referrer");
		headers.set("Cross-Origin-Opener-Policy", "same-origin");
		if (this.https) {
			headers.set("Strict-Transport-Security", HSTS);
		}
	}

	/**
	 * Headers of the client module. Apps on other origins import it, and a module script
	 * from another origin loads only with CORS: any origin may read this public file
	 * (without credentials); what it then calls is guarded as ever.
	 */
	void module(HttpHeaders headers) {
		headers.set("Access-Control-Allow-Origin", "*");
		headers.set("Cross-Origin-Resource-Policy", "cross-origin");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Referrer-Policy", "no-referrer");
		if (this.https) {
			headers.set("Strict-Transport-Security", HSTS);
		}
	}

}
