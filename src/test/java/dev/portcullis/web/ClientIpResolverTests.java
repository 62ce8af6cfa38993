package dev.portcullis.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.portcullis.support.GatewayProperties;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpResolverTests {

	private final ClientIpResolver untrusting = resolver();

	private final ClientIpResolver behindProxies = resolver("10.0.0.0/8", "2001:db8:ffff::/48");

	@Test
	void withoutForwardingHeadersThePeerIsTheClient() {
		assertThat(this.behindProxies.resolve(from("10.1.2.3"))).isEqualTo("10.1.2.3");
		assertThat(this.untrusting.resolve(from("198.51.100.4"))).isEqualTo("198.51.100.4");
	}

	@Test
	void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
		assertThat(this.untrusting.resolve(from("198.51.100.4", "X-Forwarded-For", "203.0.113.9")))
			.isEqualTo("198.51.100.4");
		assertThat(this.untrusting.resolve(from("198.51.100.4", "Forwarded", "for=203.0.113.9")))
			.isEqualTo("198.51.100.4");
		assertThat(this.behindProxies.resolve(from("198.51.100.4", "X-Forwarded-For", "203.0.113.9")))
			.isEqualTo("198.51.100.4");
	}

	@Test
	void xForwardedForFromATrustedPeerIsHonoured() {
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "203.0.113.9")))
			.isEqualTo("203.0.113.9");
	}

	@Test
	void forwardedFromATrustedPeerIsHonoured() {
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "Forwarded", "for=203.0.113.9;proto=https")))
			.isEqualTo("203.0.113.9");
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "Forwarded", "for=\"203.0.113.9:4711\"")))
			.isEqualTo("203.0.113.9");
	}

	@Test
	void addressesAClientPrependsAreNotBelieved() {
		// The client sent "X-Forwarded-For: 1.2.3.4"; the trusted proxy appended the real
		// peer.
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "1.2.3.4, 203.0.113.9")))
			.isEqualTo("203.0.113.9");
	}

	@Test
	void trustedHopsInTheChainAreSkipped() {
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "203.0.113.9, 10.2.0.1")))
			.isEqualTo("203.0.113.9");
	}

	@Test
	void ipv6ClientsAndProxiesWork() {
		assertThat(this.behindProxies.resolve(from("2001:db8:ffff::1", "Forwarded", "for=\"[2001:db8:1:2::10]:443\"")))
			.isEqualTo("2001:db8:1:2:0:0:0:10");
		assertThat(this.behindProxies.resolve(from("2001:db8:ffff::1", "X-Forwarded-For", "2001:db8:1:2::10")))
			.as("one client, one string, however it arrived")
			.isEqualTo("2001:db8:1:2:0:0:0:10");
		assertThat(this.untrusting.resolve(from("2001:db8:9::1", "X-Forwarded-For", "203.0.113.9")))
			.isEqualTo("2001:db8:9:0:0:0:0:1");
	}

	@Test
	void garbageInForwardingHeadersIsSkipped() {
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "evil.example, not-an-ip")))
			.isEqualTo("10.0.0.5");
	}

	private static ClientIpResolver resolver(String... trusted) {
		return new ClientIpResolver(new GatewayProperties(null, null, List.of(trusted), "test"));
	}

	private static MockServerWebExchange from(String peer, String... header) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/v1/auth/session")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (header.length == 2) {
			request.header(header[0], header[1]);
		}
		return MockServerWebExchange.from(request);
	}

}
