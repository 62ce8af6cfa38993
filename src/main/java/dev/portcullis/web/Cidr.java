package dev.portcullis.web;

import dev.portcullis.support.IpLiteral;

/**
 * A CIDR range such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a
 * /32 or /128. Only IP literals are accepted (see {@link IpLiteral}): nothing here
 * resolves a name.
 */
record Cidr(byte[] network, int prefix) {

	static Cidr parse(String value) {
		String[] parts = value.trim().split("/", 2);
		byte[] address = IpLiteral.parse(parts[0]);
		if (address == null) {
			throw new IllegalArgumentException("Not an IP address range: " + value);
		}
		int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : address.length * 8;
		if (prefix < 0 || prefix > address.length * 8) {
			throw new IllegalArgumentException("Bad prefix length in " + value);
		}
		return new Cidr(address, prefix);
	}

	boolean contains(byte[] candidate) {
		if (candidate.length != this.network.length) {
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

}
