package dev.portcullis.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralTests {

	@Test
	void ipv4LiteralsAreParsed() {
		assertThat(IpLiteral.parse("203.0.113.9")).containsExactly(203, 0, 113, 9);
		assertThat(IpLiteral.parse("0.0.0.0")).containsExactly(0, 0, 0, 0);
		assertThat(IpLiteral.parse("255.255.255.255")).containsExactly(255, 255, 255, 255);
	}

	@Test
	void ipv6LiteralsAreParsedAndPrintedAsTheJdkPrintsPeers() {
		assertThat(IpLiteral.canonical("2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
		assertThat(IpLiteral.canonical("::1")).isEqualTo("0:0:0:0:0:0:0:1");
		assertThat(IpLiteral.canonical("::")).isEqualTo("0:0:0:0:0:0:0:0");
		assertThat(IpLiteral.canonical("fe80::")).isEqualTo("fe80:0:0:0:0:0:0:0");
		assertThat(IpLiteral.canonical("2001:DB8:0:0:8:800:200C:417A")).isEqualTo("2001:db8:0:0:8:800:200c:417a");
		assertThat(IpLiteral.canonical("64:ff9b::192.0.2.33")).isEqualTo("64:ff9b:0:0:0:0:c000:221");
		assertThat(IpLiteral.canonical("::ffff:192.0.2.33")).as("IPv4-mapped, as the JDK reads it")
			.isEqualTo("192.0.2.33");
	}

	@Test
	void anythingButALiteralIsRefused() {
		for (String value : new String[] { "", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3", "1.2.3.4 ",
				"localhost", "evil.example", "1.2.3.4:80", "[::1]", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "1::2::3",
				"12345::", ":1", "1:", "1:2:3:4:5:6:7::8:9", "::1.2.3.4:5", "١٢٣.1.1.1", "::ｆ", "0x7f.1.1.1",
				"1.2.3.4::" }) {
			assertThat(IpLiteral.parse(value)).as(value).isNull();
		}
	}

}
