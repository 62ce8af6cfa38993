package dev.portcullis.session;

import org.springframework.web.server.ServerWebExchange;

/**
 * Hands a new refresh token to the client the way it asked: in the HttpOnly cookie
 * (default, for browsers, with an {@code XSRF-TOKEN} cookie if it has none) or in the
 * JSON body ({@code "tokenDelivery": "body"}, for native and server-side clients).
 */
public interface TokenDelivery {

	/** The {@code tokenDelivery} value that asks for the refresh token in the body. */
	String BODY = "body";

	/** The default {@code tokenDelivery}: the refresh token in the HttpOnly cookie. */
	String COOKIE = "cookie";

	TokenResponse deliver(ServerWebExchange exchange, IssuedSession issued, boolean inBody);

}
