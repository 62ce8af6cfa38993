package dev.portcullis.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.PortcullisApplication;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestInfrastructure;

/**
 * The gateway the browser tests drive, started once per JVM: this run's database and
 * Redis, the run's shared clock (which the tests move), access tokens of five minutes,
 * cookies over plain HTTP, and two app origins on other ports of the same host (same
 * site, other origins): one in {@code portcullis.cors.allowed-origins}, one not. Both
 * serve a page that imports {@code /portcullis.js} from the gateway, as a single-page app
 * on a subdomain would.
 */
final class BrowserGateway {

	static final int ACCESS_TOKEN_SECONDS = 300;

	private static volatile BrowserGateway instance;

	private final MutableClock clock = MutableClock.shared();

	private final String host = Browsers.host();

	private final int port = freePort();

	private final HttpServer allowedApp;

	private final HttpServer foreignApp;

	private final ConfigurableApplicationContext context;

	private BrowserGateway() {
		this.allowedApp = appServer();
		this.foreignApp = appServer();
		Map<String, Object> properties = new HashMap<>(TestInfrastructure.get().properties());
		properties.put("server.port", String.valueOf(this.port));
		properties.put("portcullis.issuer", origin());
		properties.put("portcullis.cors.allowed-origins", allowedAppOrigin());
		properties.put("portcullis.cookie.secure", "false");
		properties.put("portcullis.access-token.ttl", ACCESS_TOKEN_SECONDS + "s");
		this.context = new SpringApplicationBuilder(PortcullisApplication.class).properties(properties)
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("testClock",
					MutableClock.class, () -> this.clock, (definition) -> definition.setPrimary(true)))
			.run();
		Browsers.exposeHostPorts(this.port, this.allowedApp.getAddress().getPort(),
				this.foreignApp.getAddress().getPort());
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "browser-gateway-stop"));
	}

	static BrowserGateway get() {
		if (instance == null) {
			synchronized (BrowserGateway.class) {
				if (instance == null) {
					instance = new BrowserGateway();
				}
			}
		}
		return instance;
	}

	String origin() {
		return "http://" + this.host + ":" + this.port;
	}

	String url(String path) {
		return origin() + path;
	}

	String allowedAppOrigin() {
		return "http://" + this.host + ":" + this.allowedApp.getAddress().getPort();
	}

	String foreignAppOrigin() {
		return "http://" + this.host + ":" + this.foreignApp.getAddress().getPort();
	}

	MutableClock clock() {
		return this.clock;
	}

	/** Refresh-token rotations the gateway has made so far. */
	double rotations() {
		return this.context.getBean(MeterRegistry.class).counter("portcullis.sessions.refreshed").count();
	}

	/**
	 * Refresh requests the gateway has answered, whatever the outcome. A repeat inside
	 * the reuse grace window rotates nothing (it answers the same successor), so only
	 * this count shows two tabs refreshing where one should.
	 */
	long refreshRequests() {
		return this.context.getBean(MeterRegistry.class)
			.find("http.server.requests")
			.tag("uri", "/v1/auth/refresh")
			.timers()
			.stream()
			.mapToLong(io.micrometer.core.instrument.Timer::count)
			.sum();
	}

	WebTestClient http() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	private void close() {
		this.context.close();
		this.allowedApp.stop(0);
		this.foreignApp.stop(0);
	}

	/** An app origin: {@code /app.html} loads the client module from the gateway. */
	private HttpServer appServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(0), 0);
			server.createContext("/app.html", (exchange) -> {
				byte[] page = """
						<!doctype html>
						<html lang="en"><head><meta charset="utf-8"><title>An app</title></head>
						<body><h1>An app on another origin</h1>
						<script type="module">
						import { Portcullis } from '%s/portcullis.js';
						window.Portcullis = Portcullis;
						document.body.dataset.ready = 'true';
						</script></body></html>
						""".formatted(origin()).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(200, page.length);
				exchange.getResponseBody().write(page);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
