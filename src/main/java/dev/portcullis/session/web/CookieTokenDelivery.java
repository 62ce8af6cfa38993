package dev.portcullis.session.web;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.session.IssuedSession;
import dev.portcullis.session.TokenDelivery;
import dev.portcullis.session.TokenResponse;

/**
 * {@link TokenDelivery} through the refresh and CSRF cookies of {@link BrowserCookies}.
 */
@Component
class CookieTokenDelivery implements TokenDelivery {

	private final BrowserCookies cookies;

	private final Clock clock;

	CookieTokenDelivery(BrowserCookies cookies, Clock clock) {
		this.cookies = cookies;
		this.clock = clock;
	}

	@Override
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
