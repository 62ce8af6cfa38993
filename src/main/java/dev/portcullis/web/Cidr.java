package dev.portcullis.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A CIDR range such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a
 * /32 or /128.
 */
record Cidr(byte[] network, int prefix) {

	static Cidr parse(String value) {
		String[] parts = value.trim().split("/", 2);
		byte[] address = literal(parts[0]);
		if (address == null) {
			throw new IllegalArgumentException("Not an IP address range: " + value);
		}
		int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : address.length * 8;
		if (prefix < 0 || prefix > address.length * 8) {
			throw new IllegalArgumentException("Bad prefix length in " + value);
		}
		return new Cidr(address, prefix);
	}

	boolean contains(String address) {
		byte[] candidate = literal(address);
		if (candidate == null || candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefix / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefix % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xFF << (8 - remainingBits)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	/**
	 * The bytes of an IP literal, or null. Only literals are parsed: a value with a colon
	 * cannot be a hostname, and a dotted quad is parsed without a DNS lookup.
	 */
	static byte[] literal(String value) {
		boolean ipv6 = value.contains(":") && value.matches("[0-9a-fA-F:.]+");
		boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		if (!ipv6 && !ipv4) {
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
