package dev.portcullis.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.ForwardedHeader;
import dev.portcullis.support.GatewayProperties;
import dev.portcullis.support.IpLiteral;

/**
 * The client address per contract: the socket peer, unless the peer is one of
 * {@code portcullis.trusted-proxies}; then the one forwarding header the operator names
 * ({@code portcullis.forwarded-header}) is walked from the right, hop by hop, and the
 * first hop that is not a trusted proxy is the client. Only hops a trusted proxy added
 * are believed, so a client cannot forge its way in:
 * <ul>
 * <li>the other header is never read (a client-sent {@code Forwarded} must not win over
 * the {@code X-Forwarded-For} nginx appends);</li>
 * <li>a hop that is not an address ({@code unknown}, a name, garbage) ends the walk at
 * the last trusted address instead of being skipped into client-written values;</li>
 * <li>{@code ip:port}, {@code [v6]} and {@code [v6]:port} hops are read as
 * addresses;</li>
 * <li>hops are parsed one at a time and only as far as the walk goes, without any name
 * lookup.</li>
 * </ul>
 */
@Component
class ClientIpResolver {

	private final List<Cidr> trusted;

	private final ForwardedHeader header;

	ClientIpResolver(GatewayProperties properties) {
		this.trusted = properties.trustedProxies().stream().map(Cidr::parse).toList();
		this.header = properties.forwardedHeader();
	}

	@Nullable String resolve(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return null;
		}
		String client = remote.getAddress().getHostAddress();
		if (!isTrusted(remote.getAddress().getAddress())) {
			return client;
		}
		String name = (this.header == ForwardedHeader.FORWARDED) ? "Forwarded" : "X-Forwarded-For";
		List<String> lines = exchange.getRequest().getHeaders().getOrEmpty(name);
		for (int line = lines.size() - 1; line >= 0; line--) {
			String value = lines.get(line);
			int end = value.length();
			while (end >= 0) {
				int start = value.lastIndexOf(',', end - 1);
				byte[] hop = hop(value.substring(start + 1, end));
				if (hop == null) {
					return client;
				}
				client = IpLiteral.format(hop);
				if (!isTrusted(hop)) {
					return client;
				}
				end = start;
			}
		}
		return client;
	}

	private boolean isTrusted(byte[] address) {
		for (Cidr range : this.trusted) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private byte @Nullable [] hop(String element) {
		String node = (this.header == ForwardedHeader.FORWARDED) ? forParameter(element) : element;
		return (node != null) ? node(node.trim()) : null;
	}

	/** The {@code for=} value of one RFC 7239 element, unquoted. */
	private static @Nullable String forParameter(String element) {
		for (String pair : element.split(";")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase("for")) {
				String value = pair.substring(equals + 1).trim();
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				return value;
			}
		}
		return null;
	}

	/**
	 * An address node: {@code 203.0.113.9}, {@code 203.0.113.9:4711},
	 * {@code 2001:db8::1}, {@code [2001:db8::1]} or {@code [2001:db8::1]:443}.
	 */
	private static byte @Nullable [] node(String node) {
		if (node.startsWith("[")) {
			int close = node.indexOf(']');
			if (close < 0 || !isPort(node.substring(close + 1))) {
				return null;
			}
			String inner = node.substring(1, close);
			return (inner.indexOf(':') >= 0) ? IpLiteral.parse(inner) : null;
		}
		int colon = node.indexOf(':');
		if (colon >= 0 && colon == node.lastIndexOf(':')) {
			byte[] address = isPort(node.substring(colon)) ? IpLiteral.parse(node.substring(0, colon)) : null;
			return (address != null && address.length == 4) ? address : null;
		}
		return IpLiteral.parse(node);
	}

	/** Empty, or {@code :} and a port number or an RFC 7239 obfuscated port. */
	private static boolean isPort(String value) {
		if (value.isEmpty()) {
			return true;
		}
		if (value.length() < 2 || value.charAt(0) != ':') {
			return false;
		}
		String port = value.substring(1);
		return port.matches("\\d{1,5}|_[A-Za-z0-9._-]{1,32}");
	}

}
