package dev.portcullis.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and oversized clients against the real server: a slowloris that trickles its
 * headers is cut off at {@code portcullis.server.request-header-timeout} (10 s) while
 * other clients are served; headers and request lines over Reactor Netty's limits are
 * refused without reaching the application. Takes about 12 s, mostly waiting.
 */
class SlowClientIntegrationTests extends IntegrationTest {

	private final ScheduledExecutorService drip = Executors.newScheduledThreadPool(2);

	private final List<Socket> sockets = new ArrayList<>();

	@Value("${local.server.port}")
	int port;

	@AfterEach
	void close() throws IOException {
		this.drip.shutdownNow();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	@Test
	void aClientTricklingItsHeadersIsCutOffWhileOthersAreServed() throws Exception {
		List<Socket> slow = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Socket socket = open();
			socket.getOutputStream()
				.write("GET /v1/auth/csrf HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
			slow.add(socket);
			byte[] trickle = "X-Slow: 0123456789012345678901234567890123456789\r\n".getBytes(StandardCharsets.US_ASCII);
			int[] next = { 0 };
			this.drip.scheduleAtFixedRate(() -> {
				try {
					socket.getOutputStream().write(trickle[next[0]++ % trickle.length]);
					socket.getOutputStream().flush();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}, 0, 300, TimeUnit.MILLISECONDS);
		}
		long started = System.nanoTime();

		this.http.get().uri("/v1/auth/csrf").exchange().expectStatus().isOk();

		for (Socket socket : slow) {
			socket.setSoTimeout(20_000);
			assertThat(readUntilClosed(socket.getInputStream())).as("nothing is answered to a request never finished")
				.isEmpty();
		}
		Duration held = Duration.ofNanos(System.nanoTime() - started);
		System.out.printf("[reliability] slowloris: 20 trickling connections closed after %d ms%n", held.toMillis());
		assertThat(held).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
		this.http.get().uri("/v1/auth/csrf").exchange().expectStatus().isOk();
	}

	@Test
	void headersOverTheLimitAreRefusedAndTheServerCarriesOn() throws Exception {
		assertThat(rawRequest(
				"GET /v1/auth/csrf HTTP/1.1\r\nHost: localhost\r\nX-Huge: " + "a".repeat(20_000) + "\r\n\r\n"))
			.startsWith("HTTP/1.1 431");
		StringBuilder many = new StringBuilder("GET /v1/auth/csrf HTTP/1.1\r\nHost: localhost\r\n");
		for (int i = 0; i < 2_000; i++) {
			many.append("X-").append(i).append(": v\r\n");
		}
		assertThat(rawRequest(many + "\r\n")).startsWith("HTTP/1.1 431");
		assertThat(rawRequest("GET /v1/auth/csrf?" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"))
			.startsWith("HTTP/1.1 414");
		this.http.get().uri("/v1/auth/csrf").exchange().expectStatus().isOk();
	}

	private String rawRequest(String request) throws IOException {
		Socket socket = open();
		socket.setSoTimeout(15_000);
		OutputStream out = socket.getOutputStream();
		try {
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		catch (IOException ex) {
			// the server may answer and close before reading everything
		}
		return readUntilClosed(socket.getInputStream());
	}

	private Socket open() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		this.sockets.add(socket);
		return socket;
	}

	private static String readUntilClosed(InputStream in) throws IOException {
		StringBuilder received = new StringBuilder();
		byte[] buffer = new byte[4096];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("the server held the connection open: " + received, ex);
		}
		catch (IOException ex) {
			// reset by the server: closed
		}
		return received.toString();
	}

}
