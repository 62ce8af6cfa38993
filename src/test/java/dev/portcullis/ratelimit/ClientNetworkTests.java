package dev.portcullis.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientNetworkTests {

	@Test
	void anIpv4AddressCountsAlone() {
		assertThat(ClientNetwork.of("203.0.113.9")).isEqualTo("203.0.113.9");
		assertThat(ClientNetwork.of("203.0.113.10")).isNotEqualTo(ClientNetwork.of("203.0.113.9"));
	}

	@Test
	void ipv6AddressesCountByTheirSlash64() {
		assertThat(ClientNetwork.of("2001:db8:1:2::10")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientNetwork.of("2001:db8:1:2:ffff:eeee:dddd:cccc")).isEqualTo(ClientNetwork.of("2001:db8:1:2::1"));
		assertThat(ClientNetwork.of("2001:db8:1:3::1")).isNotEqualTo(ClientNetwork.of("2001:db8:1:2::1"));
	}

	@Test
	void anythingElseIsUnknownAndNeverLookedUp() {
		assertThat(ClientNetwork.of(null)).isEqualTo(ClientNetwork.UNKNOWN);
		assertThat(ClientNetwork.of("")).isEqualTo(ClientNetwork.UNKNOWN);
		assertThat(ClientNetwork.of("evil.example")).isEqualTo(ClientNetwork.UNKNOWN);
	}

}
