package dev.portcullis.web;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.support.ProblemException;

/**
 * Answers a request Spring Security's firewall refuses (a path with {@code /./},
 * {@code //}, an encoded slash or a control character, a header value that is not
 * printable) with the same {@code 400 malformed_request} problem document as any other
 * malformed request. The firewall's default answer is a bare {@code 400} with no body;
 * the firewall runs before every other filter, so nothing else would write one.
 */
@Component
class FirewallRejections implements ServerExchangeRejectedHandler {

	private final ProblemWriter writer;

	FirewallRejections(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
		return this.writer.write(exchange,
				ProblemException.badRequest("malformed_request", "The request is malformed."));
	}

}
