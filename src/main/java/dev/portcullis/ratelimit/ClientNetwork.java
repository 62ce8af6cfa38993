package dev.portcullis.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The unit a per-IP limit counts: an IPv4 address as it is, an IPv6 address by its
 * /64. One subscriber usually holds a whole /64 and can pick any address in it, so
 * counting single IPv6 addresses would give an attacker 2^64 fresh budgets.
 */
final class ClientNetwork {

	static final String UNKNOWN = "unknown";

	private ClientNetwork() {
	}

	/** {@code 203.0.113.9}, {@code 2001:db8:1:2:0:0:0:0/64}, or {@code unknown}. */
	static String of(String ipAddress) {
		byte[] address = literal(ipAddress);
		if (address == null) {
			return UNKNOWN;
		}
		if (address.length == 16) {
			Arrays.fill(address, 8, 16, (byte) 0);
		}
		try {
			String text = InetAddress.getByAddress(address).getHostAddress();
			return (address.length == 16) ? text + "/64" : text;
		}
		catch (UnknownHostException ex) {
			return UNKNOWN;
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
