package dev.portcullis.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.portcullis.support.ForwardedHeader;
import dev.portcullis.support.GatewayProperties;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpResolverTests {

	private final ClientIpResolver untrusting = resolver();

	private final ClientIpResolver behindProxies = resolver("10.0.0.0/8", "2001:db8:ffff::/48");

	private final ClientIpResolver behindForwarded = resolver(ForwardedHeader.FORWARDED, "10.0.0.0/8",
			"2001:db8:ffff::/48");

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
		assertThat(this.behindForwarded.resolve(from("10.0.0.5", "Forwarded", "for=203.0.113.9;proto=https")))
			.isEqualTo("203.0.113.9");
		assertThat(this.behindForwarded.resolve(from("10.0.0.5", "Forwarded", "for=\"203.0.113.9:4711\"")))
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
		assertThat(
				this.behindForwarded.resolve(from("2001:db8:ffff::1", "Forwarded", "for=\"[2001:db8:1:2::10]:443\"")))
			.isEqualTo("2001:db8:1:2:0:0:0:10");
		assertThat(this.behindProxies.resolve(from("2001:db8:ffff::1", "X-Forwarded-For", "2001:db8:1:2::10")))
			.as("one client, one string, however it arrived")
			.isEqualTo("2001:db8:1:2:0:0:0:10");
		assertThat(this.untrusting.resolve(from("2001:db8:9::1", "X-Forwarded-For", "203.0.113.9")))
			.isEqualTo("2001:db8:9:0:0:0:0:1");
	}

	@Test
	void aHopThatIsNotAnAddressEndsTheWalkAtTheLastTrustedAddress() {
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "evil.example, not-an-ip")))
			.isEqualTo("10.0.0.5");
		// Skipping "unknown" would walk on into the value the client wrote.
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "1.2.3.4, unknown, 10.2.0.1")))
			.isEqualTo("10.2.0.1");
	}

	@Test
	void onlyTheConfiguredHeaderIsRead() {
		// nginx appends to X-Forwarded-For and passes the client's own Forwarded through.
		assertThat(this.behindProxies
			.resolve(from("10.0.0.5", "Forwarded", "for=1.2.3.4", "X-Forwarded-For", "203.0.113.9")))
			.isEqualTo("203.0.113.9");
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "Forwarded", "for=1.2.3.4"))).isEqualTo("10.0.0.5");
		assertThat(this.behindForwarded
			.resolve(from("10.0.0.5", "X-Forwarded-For", "1.2.3.4", "Forwarded", "for=203.0.113.9")))
			.isEqualTo("203.0.113.9");
	}

	@Test
	void hopsWithPortsAndBracketsAreAddresses() {
		// An unparsed "ip:port" hop used to be dropped, so the walk went on to "1.2.3.4".
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "1.2.3.4, 203.0.113.9:4711")))
			.isEqualTo("203.0.113.9");
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "1.2.3.4, [2001:db8:1::5]:443")))
			.isEqualTo("2001:db8:1:0:0:0:0:5");
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "1.2.3.4, [2001:db8:1::5]")))
			.isEqualTo("2001:db8:1:0:0:0:0:5");
		assertThat(this.behindForwarded
			.resolve(from("10.0.0.5", "Forwarded", "for=1.2.3.4, for=\"[2001:db8:1::5]:_gw\";proto=https")))
			.isEqualTo("2001:db8:1:0:0:0:0:5");
		assertThat(this.behindProxies.resolve(from("10.0.0.5", "X-Forwarded-For", "1.2.3.4, 10.1.1.1:80")))
			.as("a trusted hop with a port is skipped like one without")
			.isEqualTo("1.2.3.4");
	}

	@Test
	void severalHeaderLinesAreOneChainInOrder() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress("10.0.0.5", 40000))
			.header("X-Forwarded-For", "1.2.3.4")
			.header("X-Forwarded-For", "203.0.113.9, 10.9.9.9"));
		assertThat(this.behindProxies.resolve(exchange)).isEqualTo("203.0.113.9");
	}

	private static ClientIpResolver resolver(String... trusted) {
		return resolver(ForwardedHeader.X_FORWARDED_FOR, trusted);
	}

	private static ClientIpResolver resolver(ForwardedHeader header, String... trusted) {
		return new ClientIpResolver(new GatewayProperties(null, null, List.of(trusted), header, "test"));
	}

	private static MockServerWebExchange from(String peer, String... headers) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/v1/auth/session")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return MockServerWebExchange.from(request);
	}

}
