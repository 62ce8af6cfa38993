package dev.portcullis.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reproducer of reactor-netty#4361: on one keep-alive connection, a request that arrives
 * before the previous exchange has terminated is buffered; when that buffered request is
 * answered synchronously, Reactor Netty 1.3.6/1.3.7 stop reading the connection and the
 * next request is never answered. The gateway relied on
 * {@code server.netty.max-keep-alive-requests: 1} while this failed; it passes from
 * Reactor Netty 1.3.8 on, which the build pins.
 */
class KeepAlivePipeliningTests {

	@Test
	void everyPipelinedRequestOnOneKeepAliveConnectionIsAnswered() throws Exception {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request,
					response) -> response.sendString(request.uri().equals("/first")
							? Mono.delay(Duration.ofMillis(50)).thenReturn("ok") : Mono.just("ok")))
			.bindNow(Duration.ofSeconds(5));
		try {
			for (int attempt = 0; attempt < 10; attempt++) {
				pipelineOn(server.port());
			}
		}
		finally {
			server.disposeNow();
		}
	}

	private static void pipelineOn(int port) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(3000);
			OutputStream out = socket.getOutputStream();
			// the second request arrives while the first is still being answered
			out.write((request("/first") + request("/second")).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(answersWithin(socket.getInputStream(), 2)).isEqualTo(2);
			// the connection must still be read once the buffered request was answered
			out.write(request("/third").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(answersWithin(socket.getInputStream(), 1)).isEqualTo(1);
		}
	}

	private static String request(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";
	}

	/**
	 * Reads until {@code expected} responses arrived or the socket times out (a hang).
	 */
	private static int answersWithin(InputStream in, int expected) throws Exception {
		StringBuilder received = new StringBuilder();
		byte[] buffer = new byte[4096];
		int answers = 0;
		try {
			while (answers < expected) {
				int read = in.read(buffer);
				if (read < 0) {
					break;
				}
				received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
				answers = received.toString().split("HTTP/1.1 200", -1).length - 1;
			}
		}
		catch (SocketTimeoutException ex) {
			// the connection stopped being read: the count so far is the answer
		}
		return answers;
	}

}
