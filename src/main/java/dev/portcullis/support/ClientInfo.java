package dev.portcullis.support;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling: the client IP by the contract's rules (socket peer, forwarding headers
 * only from trusted proxies) and the {@code User-Agent}. Resolved once per request by a
 * web filter and read from the exchange by whoever needs it.
 */
public record ClientInfo(String ipAddress, String userAgent) {

	public static final String ATTRIBUTE = ClientInfo.class.getName();

	private static final int MAX_USER_AGENT = 512;

	public ClientInfo {
		if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
			userAgent = userAgent.substring(0, MAX_USER_AGENT);
		}
	}

	public static ClientInfo of(ServerWebExchange exchange) {
		ClientInfo info = exchange.getAttribute(ATTRIBUTE);
		return (info != null) ? info : new ClientInfo(null, exchange.getRequest().getHeaders().getFirst("User-Agent"));
	}

}
