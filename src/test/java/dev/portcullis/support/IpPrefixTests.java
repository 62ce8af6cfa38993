package dev.portcullis.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpPrefixTests {

	@Test
	void anIpv4AddressKeepsItsLeadingBytes() {
		assertThat(IpPrefix.of("203.0.113.9", 32, 64)).isEqualTo("203.0.113.9/32");
		assertThat(IpPrefix.of("203.0.113.9", 24, 64)).isEqualTo("203.0.113.0/24");
		assertThat(IpPrefix.of("203.0.113.200", 24, 64)).isEqualTo(IpPrefix.of("203.0.113.9", 24, 64));
		assertThat(IpPrefix.of("203.0.114.9", 24, 64)).isNotEqualTo(IpPrefix.of("203.0.113.9", 24, 64));
	}

	@Test
	void ipv6AddressesCountByTheirSlash64() {
		assertThat(IpPrefix.of("2001:db8:1:2::10", 32, 64)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(IpPrefix.of("2001:db8:1:2:ffff:eeee:dddd:cccc", 32, 64))
			.isEqualTo(IpPrefix.of("2001:db8:1:2::1", 32, 64));
		assertThat(IpPrefix.of("2001:db8:1:3::1", 32, 64)).isNotEqualTo(IpPrefix.of("2001:db8:1:2::1", 32, 64));
	}

	@Test
	void anythingElseIsNullAndNeverLookedUp() {
		assertThat(IpPrefix.of(null, 32, 64)).isNull();
		assertThat(IpPrefix.of("", 32, 64)).isNull();
		assertThat(IpPrefix.of("evil.example", 32, 64)).isNull();
		assertThat(IpPrefix.of("localhost", 32, 64)).isNull();
	}

}
