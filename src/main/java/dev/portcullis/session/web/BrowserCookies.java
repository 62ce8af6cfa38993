package dev.portcullis.session.web;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.session.SessionProblems;
import dev.portcullis.crypto.Tokens;
import dev.portcullis.session.Session;
import dev.portcullis.support.GatewayProperties;

/**
 * The two cookies of a browser client: the HttpOnly refresh cookie, scoped to
 * {@code /v1/auth}, and the script-readable {@code XSRF-TOKEN} for double-submit CSRF
 * protection of every state-changing request the refresh cookie authenticates.
 */
@Component
class BrowserCookies {

	private static final Logger logger = LoggerFactory.getLogger(BrowserCookies.class);

	static final String XSRF_COOKIE = "XSRF-TOKEN";

	static final String XSRF_HEADER = "X-XSRF-TOKEN";

	private static final String REFRESH_PATH = "/v1/auth";

	private final CookieProperties properties;

	private final Clock clock;

	BrowserCookies(CookieProperties properties, GatewayProperties gateway, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		if (!properties.secure() && "https".equalsIgnoreCase(gateway.issuer().getScheme())) {
			logger.warn("portcullis.cookie.secure=false while the issuer is https: refresh cookies will also be sent "
					+ "over plain HTTP. This setting is meant for local plain-HTTP runs only.");
		}
	}

	public String refreshToken(ServerWebExchange exchange) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(this.properties.name());
		return (cookie != null && !cookie.getValue().isBlank()) ? cookie.getValue() : null;
	}

	public void setRefreshToken(ServerWebExchange exchange, String token, Session session) {
		Duration maxAge = Duration.between(this.clock.instant(), session.expiresAt());
		exchange.getResponse().addCookie(refreshCookie(token, maxAge.isNegative() ? Duration.ZERO : maxAge));
	}

	public void clear(ServerWebExchange exchange) {
		exchange.getResponse().addCookie(refreshCookie("", Duration.ZERO));
	}

	/** Issues a new CSRF token cookie and answers its value. */
	public String issueCsrfToken(ServerWebExchange exchange) {
		String token = Tokens.random();
		exchange.getResponse()
			.addCookie(ResponseCookie.from(XSRF_COOKIE, token)
				.path("/")
				.secure(this.properties.secure())
				.sameSite(this.properties.sameSiteAttribute())
				.domain(this.properties.domain())
				.build());
		return token;
	}

	/**
	 * Double submit: completes when the header equals the cookie (compared in constant
	 * time), else errors {@code 403 csrf_invalid}.
	 */
	public Mono<Void> verifyCsrf(ServerWebExchange exchange) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(XSRF_COOKIE);
		String header = exchange.getRequest().getHeaders().getFirst(XSRF_HEADER);
		if (cookie == null || cookie.getValue().isEmpty() || !Tokens.constantTimeEquals(cookie.getValue(), header)) {
			return Mono.error(SessionProblems::csrfInvalid);
		}
		return Mono.empty();
	}

	private ResponseCookie refreshCookie(String value, Duration maxAge) {
		return ResponseCookie.from(this.properties.name(), value)
			.httpOnly(true)
			.secure(this.properties.secure())
			.sameSite(this.properties.sameSiteAttribute())
			.path(REFRESH_PATH)
			.domain(this.properties.domain())
			.maxAge(maxAge)
			.build();
	}

}
