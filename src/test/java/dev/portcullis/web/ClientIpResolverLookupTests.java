package dev.portcullis.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.portcullis.support.ForwardedHeader;
import dev.portcullis.support.GatewayProperties;

/**
 * Forwarding hops never reach DNS. BlockHound (see {@code BlockHoundInstaller}) treats
 * the JDK's name-service lookup as blocking, so a lookup on a non-blocking thread fails
 * here.
 */
class ClientIpResolverLookupTests {

	@Test
	void aNameLookupOnANonBlockingThreadIsCaught() {
		StepVerifier.create(onParallel(() -> InetAddress.getByName("portcullis-lookup-guard.invalid")))
			.expectErrorMatches((ex) -> ex instanceof BlockingOperationError)
			.verify();
	}

	@Test
	void hopsThatLookLikeAddressesButAreNotCauseNoLookup() {
		String hops = String.join(", ", Collections.nCopies(300, "256.1.1.1")) + ", 999.0.0.1, 10.0.0.7";
		ClientIpResolver resolver = new ClientIpResolver(
				new GatewayProperties(null, null, List.of("10.0.0.0/8"), ForwardedHeader.X_FORWARDED_FOR, "test"));
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress("10.0.0.5", 40000))
			.header("X-Forwarded-For", hops));
		StepVerifier.create(onParallel(() -> resolver.resolve(exchange))).expectNext("10.0.0.7").verifyComplete();
	}

	@Test
	void trustedRangesAreParsedWithoutLookups() {
		StepVerifier.create(onParallel(() -> Cidr.parse("2001:db8::/32").contains(new byte[16])))
			.expectNext(false)
			.verifyComplete();
		StepVerifier.create(onParallel(() -> {
			try {
				return Cidr.parse("300.1.1.1/8");
			}
			catch (IllegalArgumentException ex) {
				return "refused";
			}
		})).expectNext("refused").verifyComplete();
	}

	private static <T> Mono<T> onParallel(java.util.concurrent.Callable<T> work) {
		return Mono.fromCallable(work).subscribeOn(Schedulers.parallel());
	}

}
