package dev.portcullis.session;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The network a client address belongs to, for new-device detection: the /24 of an
 * IPv4 address, the /64 of an IPv6 address (one customer's allocation, the same unit
 * the rate limits use). So a phone that moves between addresses of one home or office
 * network is still "seen before", while the same browser on another network is not.
 */
final class Network {

	private Network() {
	}

	/** {@code 203.0.113.0/24} or {@code 2001:db8:1:2:0:0:0:0/64}; null when unknown. */
	static String of(String ipAddress) {
		byte[] address = literal(ipAddress);
		if (address == null) {
			return null;
		}
		int keep = (address.length == 4) ? 3 : 8;
		for (int i = keep; i < address.length; i++) {
			address[i] = 0;
		}
		try {
			return InetAddress.getByAddress(address).getHostAddress() + "/" + (keep * 8);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** Parses only IP literals, so no value can trigger a DNS lookup. */
	private static byte[] literal(String value) {
		if (value == null || value.isEmpty()
				|| !value.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			return null;
		}
		try {
			return InetAddress.getByName(value).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
