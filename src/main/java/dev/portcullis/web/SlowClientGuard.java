package dev.portcullis.web;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.server.HttpServerState;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Closes a connection that has not delivered a complete request head within
 * {@code portcullis.server.request-header-timeout} of being opened (a kept-alive
 * connection: within {@code server.netty.idle-timeout} plus that, after its previous
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

	private final long keptAliveTimeoutMillis;

	SlowClientGuard(SlowClientProperties properties, @Value("${server.netty.idle-timeout:60s}") Duration idleTimeout) {
		this.timeoutMillis = properties.requestHeaderTimeout().toMillis();
		// A kept-alive connection may rightly wait for its next request as long as the
		// idle timeout allows (a proxy's pool reuses it within that, and must not race a
		// close); its next head then has the usual deadline on top.
		this.keptAliveTimeoutMillis = idleTimeout.toMillis() + this.timeoutMillis;
	}

	@Override
	public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
		return server.childObserve((connection, state) -> {
			Channel channel = connection.channel();
			if (state == ConnectionObserver.State.CONNECTED) {
				arm(channel, this.timeoutMillis);
			}
			else if (state == ConnectionObserver.State.RELEASED) {
				arm(channel, this.keptAliveTimeoutMillis);
			}
			else if (state == HttpServerState.REQUEST_RECEIVED || state == HttpServerState.REQUEST_DECODING_FAILED
					|| state == ConnectionObserver.State.DISCONNECTING) {
				disarm(channel);
			}
		});
	}

	private static void arm(Channel channel, long millis) {
		disarm(channel);
		channel.attr(DEADLINE).set(channel.eventLoop().schedule(() -> channel.close(), millis, TimeUnit.MILLISECONDS));
	}

	private static void disarm(Channel channel) {
		ScheduledFuture<?> deadline = channel.attr(DEADLINE).getAndSet(null);
		if (deadline != null) {
			deadline.cancel(false);
		}
	}

}
