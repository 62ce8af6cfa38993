package dev.portcullis.session.web;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.session.IssuedSession;

/**
 * Hands a new refresh token to the client the way it asked: in the HttpOnly cookie
 * (default, for browsers, with an {@code XSRF-TOKEN} cookie if it has none) or in the
 * JSON body ({@code "tokenDelivery": "body"}, for native and server-side clients).
 */
@Component
public class TokenDelivery {

	public static final String BODY = "body";

	public static final String COOKIE = "cookie";

	private final BrowserCookies cookies;

	private final Clock clock;

	TokenDelivery(BrowserCookies cookies, Clock clock) {
		this.cookies = cookies;
		this.clock = clock;
	}

	public TokenResponse deliver(ServerWebExchange exchange, IssuedSession issued, boolean inBody) {
		if (!inBody) {
			this.cookies.setRefreshToken(exchange, issued.refreshToken(), issued.session());
			if (exchange.getRequest().getCookies().getFirst(BrowserCookies.XSRF_COOKIE) == null) {
				this.cookies.issueCsrfToken(exchange);
			}
		}
		return TokenResponse.of(issued, inBody, this.clock);
	}

}
