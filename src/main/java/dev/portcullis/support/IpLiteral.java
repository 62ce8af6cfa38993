package dev.portcullis.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * IP address literals parsed by hand. {@code InetAddress.getByName} treats anything it
 * cannot parse (such as {@code 256.1.1.1}) as a host name and asks DNS, a blocking lookup
 * an attacker can trigger per forwarding hop; this parser never resolves anything and
 * builds addresses from bytes only.
 */
public final class IpLiteral {

	private static final int MAX_LENGTH = 45;

	private IpLiteral() {
	}

	/**
	 * The bytes of a dotted-quad IPv4 or an RFC 4291 IPv6 literal (IPv4-mapped IPv6 as
	 * its four IPv4 bytes, as the JDK does); null for anything else, including zone ids,
	 * brackets, ports and leading zeros in a quad.
	 */
	public static byte @Nullable [] parse(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
			return null;
		}
		if (value.indexOf(':') < 0) {
			byte[] address = new byte[4];
			return ipv4(value, address, 0) ? address : null;
		}
		return ipv6(value);
	}

	/**
	 * The address as the JDK prints a socket peer ({@code 2001:db8:0:0:0:0:0:1}), so one
	 * client is one string however it arrived; null for anything but a literal.
	 */
	public static @Nullable String canonical(@Nullable String value) {
		byte[] address = parse(value);
		return (address != null) ? format(address) : null;
	}

	/** The printed form of 4 or 16 address bytes, without any lookup. */
	public static String format(byte[] address) {
		try {
			// getByAddress never resolves: it only wraps the bytes.
			return InetAddress.getByAddress(address).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not 4 or 16 bytes", ex);
		}
	}

	private static boolean ipv4(String value, byte[] out, int offset) {
		int part = 0;
		int start = 0;
		for (int i = 0; i <= value.length(); i++) {
			if (i < value.length() && value.charAt(i) != '.') {
				continue;
			}
			if (part == 4 || !octet(value, start, i, out, offset + part)) {
				return false;
			}
			part++;
			start = i + 1;
		}
		return part == 4;
	}

	private static boolean octet(String value, int start, int end, byte[] out, int index) {
		int length = end - start;
		if (length < 1 || length > 3 || (length > 1 && value.charAt(start) == '0')) {
			return false;
		}
		int octet = 0;
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
			octet = octet * 10 + (c - '0');
		}
		if (octet > 255) {
			return false;
		}
		out[index] = (byte) octet;
		return true;
	}

	private static byte @Nullable [] ipv6(String value) {
		int gap = value.indexOf("::");
		if (gap >= 0 && value.indexOf("::", gap + 1) >= 0) {
			return null;
		}
		byte[] address = new byte[16];
		if (gap < 0) {
			return (groups(value, address, 0, true) == 16) ? mapped(address) : null;
		}
		byte[] head = new byte[16];
		byte[] tail = new byte[16];
		int headLength = groups(value.substring(0, gap), head, 0, false);
		int tailLength = groups(value.substring(gap + 2), tail, 0, true);
		if (headLength < 0 || tailLength < 0 || headLength + tailLength > 14) {
			return null;
		}
		System.arraycopy(head, 0, address, 0, headLength);
		System.arraycopy(tail, 0, address, 16 - tailLength, tailLength);
		return mapped(address);
	}

	/**
	 * Writes colon-separated hex groups (and, if allowed, a final dotted quad) into
	 * {@code out}; returns the number of bytes written or -1.
	 */
	private static int groups(String value, byte[] out, int offset, boolean quadAllowed) {
		if (value.isEmpty()) {
			return 0;
		}
		int written = offset;
		int start = 0;
		for (int i = 0; i <= value.length(); i++) {
			if (i < value.length() && value.charAt(i) != ':') {
				continue;
			}
			String group = value.substring(start, i);
			boolean last = i == value.length();
			if (last && quadAllowed && group.indexOf('.') >= 0) {
				if (written + 4 > 16 || !ipv4(group, out, written)) {
					return -1;
				}
				return written + 4;
			}
			if (written + 2 > 16 || !hexGroup(group, out, written)) {
				return -1;
			}
			written += 2;
			start = i + 1;
		}
		return written;
	}

	private static boolean hexGroup(String group, byte[] out, int index) {
		if (group.isEmpty() || group.length() > 4) {
			return false;
		}
		int word = 0;
		for (int i = 0; i < group.length(); i++) {
			int digit = Character.digit(group.charAt(i), 16);
			if (digit < 0 || group.charAt(i) > 'f') {
				return false;
			}
			word = (word << 4) | digit;
		}
		out[index] = (byte) (word >> 8);
		out[index + 1] = (byte) word;
		return true;
	}

	private static byte[] mapped(byte[] address) {
		for (int i = 0; i < 10; i++) {
			if (address[i] != 0) {
				return address;
			}
		}
		if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
			return address;
		}
		return new byte[] { address[12], address[13], address[14], address[15] };
	}

}
