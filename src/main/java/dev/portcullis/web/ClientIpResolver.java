package dev.portcullis.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.GatewayProperties;

/**
 * The client address per contract: the socket peer, unless the peer is one of
 * {@code portcullis.trusted-proxies}; then the forwarding chain is walked from the right,
 * skipping trusted hops, and the first untrusted address is the client. A client cannot
 * forge its way in by prepending addresses: only hops added by trusted proxies are
 * believed.
 */
@Component
class ClientIpResolver {

	private final List<Cidr> trusted;

	ClientIpResolver(GatewayProperties properties) {
		this.trusted = properties.trustedProxies().stream().map(Cidr::parse).toList();
	}

	String resolve(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		String peer = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
		if (peer == null || !isTrusted(peer)) {
			return peer;
		}
		List<String> hops = forwardedFor(exchange.getRequest().getHeaders());
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			client = hops.get(i);
			if (!isTrusted(client)) {
				return client;
			}
		}
		return client;
	}

	private boolean isTrusted(String address) {
		return this.trusted.stream().anyMatch((range) -> range.contains(address));
	}

	/**
	 * Hops from {@code Forwarded} (RFC 7239) if present, else {@code X-Forwarded-For}.
	 */
	private static List<String> forwardedFor(HttpHeaders headers) {
		List<String> hops = new ArrayList<>();
		List<String> forwarded = headers.get("Forwarded");
		if (forwarded != null && !forwarded.isEmpty()) {
			for (String header : forwarded) {
				for (String element : header.split(",")) {
					for (String pair : element.split(";")) {
						String[] kv = pair.trim().split("=", 2);
						if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("for")) {
							hops.add(cleanForwardedNode(kv[1].trim()));
						}
					}
				}
			}
		}
		else {
			List<String> xff = headers.get("X-Forwarded-For");
			if (xff != null) {
				for (String header : xff) {
					for (String hop : header.split(",")) {
						hops.add(hop.trim());
					}
				}
			}
		}
		return hops.stream().map(ClientIpResolver::canonical).filter(Objects::nonNull).toList();
	}

	/**
	 * The address in the form the socket peer has ({@code 2001:db8:0:0:0:0:0:1}), so that
	 * one client is one string whether it came directly or through a proxy; null if the
	 * hop is not an IP literal.
	 */
	private static String canonical(String hop) {
		byte[] address = Cidr.literal(hop);
		if (address == null) {
			return null;
		}
		try {
			return InetAddress.getByAddress(address).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static String cleanForwardedNode(String node) {
		String value = node.replace("\"", "");
		if (value.startsWith("[")) {
			int end = value.indexOf(']');
			return (end > 0) ? value.substring(1, end) : value;
		}
		int colon = value.indexOf(':');
		return (colon > 0 && value.indexOf(':', colon + 1) < 0) ? value.substring(0, colon) : value;
	}

}
