package dev.portcullis.web;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on clients that send their request slowly (slowloris).
 *
 * @param requestHeaderTimeout how long a new connection may take to deliver a complete
 * request line and headers before it is closed; default 10s (a kept-alive connection gets
 * {@code server.netty.idle-timeout} more for its next request). Reactor Netty's own idle
 * timeout ({@code server.netty.idle-timeout}) does not catch a client that sends one byte
 * every few seconds; this deadline does.
 */
@Validated
@ConfigurationProperties("portcullis.server")
record SlowClientProperties(@NotNull @DefaultValue("10s") Duration requestHeaderTimeout) {

}
