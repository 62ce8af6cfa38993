package dev.portcullis.web;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.server.HttpServerState;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Closes a connection that has not delivered a complete request head within
 * {@code portcullis.server.request-header-timeout} of being opened (or of its previous
 * response): a client trickling its headers byte by byte would otherwise hold the
 * connection for as long as it likes, since every byte resets an idle timeout. The
 * deadline is set when the connection opens or a response completes, and cleared when
 * Reactor Netty has decoded the request head; request bodies are bounded separately by
 * the 64 KiB limit.
 */
@Component
@EnableConfigurationProperties(SlowClientProperties.class)
class SlowClientGuard implements NettyServerCustomizer {

	private static final AttributeKey<ScheduledFuture<?>> DEADLINE = AttributeKey
		.valueOf(SlowClientGuard.class.getName() + ".deadline");

	private final long timeoutMillis;

	SlowClientGuard(SlowClientProperties properties) {
		this.timeoutMillis = properties.requestHeaderTimeout().toMillis();
	}

	@Override
	public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
		return server.childObserve((connection, state) -> {
			Channel channel = connection.channel();
			if (state == ConnectionObserver.State.CONNECTED || state == ConnectionObserver.State.RELEASED) {
				// a new connection, or a kept-alive one waiting for its next request
				arm(channel);
			}
			else if (state == HttpServerState.REQUEST_RECEIVED || state == HttpServerState.REQUEST_DECODING_FAILED
					|| state == ConnectionObserver.State.DISCONNECTING) {
				disarm(channel);
			}
		});
	}

	private void arm(Channel channel) {
		disarm(channel);
		channel.attr(DEADLINE)
			.set(channel.eventLoop().schedule(() -> channel.close(), this.timeoutMillis, TimeUnit.MILLISECONDS));
	}

	private static void disarm(Channel channel) {
		ScheduledFuture<?> deadline = channel.attr(DEADLINE).getAndSet(null);
		if (deadline != null) {
			deadline.cancel(false);
		}
	}

}
