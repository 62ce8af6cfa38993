package dev.portcullis.support;

/**
 * The one forwarding header a deployment's proxies write, so a header the client sent and
 * no proxy rewrites is never read.
 */
public enum ForwardedHeader {

	/**
	 * {@code X-Forwarded-For}, as nginx ({@code $proxy_add_x_forwarded_for}) and most
	 * load balancers append it.
	 */
	X_FORWARDED_FOR,

	/** {@code Forwarded} (RFC 7239), {@code for=} parameters only. */
	FORWARDED

}
