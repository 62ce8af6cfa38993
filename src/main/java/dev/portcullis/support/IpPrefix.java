package dev.portcullis.support;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A client address reduced to the network it stands for. An IPv6 subscriber usually holds
 * a whole /64 and can pick any address in it, so features that count or remember clients
 * (rate limits per /64, new-device detection per /24 or /64) work on prefixes.
 */
public final class IpPrefix {

	private IpPrefix() {
	}

	/**
	 * The address with everything after its first {@code ipv4Bits} or {@code ipv6Bits}
	 * (whole bytes) zeroed, as {@code 203.0.113.0/24} or {@code 2001:db8:1:2:0:0:0:0/64};
	 * null for anything but an IP literal.
	 */
	public static @Nullable String of(@Nullable String ipAddress, int ipv4Bits, int ipv6Bits) {
		byte[] address = IpLiteral.parse(ipAddress);
		if (address == null) {
			return null;
		}
		int bits = (address.length == 4) ? ipv4Bits : ipv6Bits;
		Arrays.fill(address, bits / 8, address.length, (byte) 0);
		return IpLiteral.format(address) + "/" + bits;
	}

}
