package dev.portcullis.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP backend on loopback (the JDK's server, no Spring) that remembers every
 * request it received. A path with {@code /slow} answers only when the backend is closed,
 * for timeouts; one with {@code /flaky} closes the connection without an answer the first
 * time a method asks for it; one ending in {@code /status/NNN} answers that status with a
 * JSON body of its own; anything else {@code 200 backend}.
 */
final class TestBackend implements AutoCloseable {

	private final HttpServer server;

	private final BlockingDeque<Received> received = new LinkedBlockingDeque<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final Set<String> flaky = ConcurrentHashMap.newKeySet();

	private TestBackend(HttpServer server) {
		this.server = server;
	}

	static TestBackend start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			TestBackend backend = new TestBackend(server);
			server.createContext("/", backend::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return backend;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String hostAndPort() {
		return "127.0.0.1:" + port();
	}

	String url() {
		return "http://" + hostAndPort();
	}

	/** The oldest request not yet taken; fails if none arrives within five seconds. */
	Received take() {
		try {
			Received next = this.received.poll(5, TimeUnit.SECONDS);
			if (next == null) {
				throw new AssertionError("The backend received no request");
			}
			return next;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** How many requests arrived and were not taken. */
	int pending() {
		return this.received.size();
	}

	void clear() {
		this.received.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		Map<String, List<String>> headers = new TreeMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		String path = exchange.getRequestURI().getRawPath();
		String query = exchange.getRequestURI().getRawQuery();
		this.received.add(new Received(exchange.getRequestMethod(), path, query, headers,
				new String(body, StandardCharsets.UTF_8)));
		if (path.contains("/flaky") && this.flaky.add(exchange.getRequestMethod() + " " + path)) {
			// closes the connection without an answer, the first time only
			exchange.close();
			return;
		}
		if (path.contains("/slow")) {
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		int status = 200;
		byte[] answer = "backend".getBytes(StandardCharsets.UTF_8);
		if (path.contains("/status/")) {
			status = Integer.parseInt(path.substring(path.indexOf("/status/") + "/status/".length()));
			answer = ("{\"from\":\"backend\",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
		}
		exchange.getResponseHeaders().set("X-Backend", "yes");
		exchange.sendResponseHeaders(status, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
	}

	record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

		String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values == null || values.isEmpty()) ? null : String.join(",", values);
		}

	}

}
