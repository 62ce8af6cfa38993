package dev.portcullis.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

import static org.awaitility.Awaitility.await;

/**
 * nginx running {@code src/test/resources/edge/nginx.conf}: from Testcontainers when a
 * Docker engine answers, otherwise Debian's {@code nginx} as a child process with its own
 * prefix directory under {@code target/} (pid, logs and temporary files stay there).
 * Either way it is stopped by {@link #close()}.
 */
final class NginxForwardAuth implements AutoCloseable {

	private final Process process;

	private final GenericContainer<?> container;

	private final String baseUrl;

	private NginxForwardAuth(Process process, GenericContainer<?> container, String baseUrl) {
		this.process = process;
		this.container = container;
		this.baseUrl = baseUrl;
	}

	static NginxForwardAuth start(int portcullisPort, int backendPort) {
		String template = template();
		if (DockerClientFactory.instance().isDockerAvailable()) {
			return inContainer(template, portcullisPort, backendPort);
		}
		return local(template, portcullisPort, backendPort);
	}

	String baseUrl() {
		return this.baseUrl;
	}

	private static NginxForwardAuth local(String template, int portcullisPort, int backendPort) {
		try {
			Path prefix = Path.of("target", "nginx-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
			Files.createDirectories(prefix);
			int port = freePort();
			String config = template.replace("@PREFIX@", prefix.toString())
				.replace("@LISTEN@", "127.0.0.1:" + port)
				.replace("@PORTCULLIS@", "127.0.0.1:" + portcullisPort)
				.replace("@BACKEND@", "127.0.0.1:" + backendPort);
			Path file = prefix.resolve("nginx.conf");
			Files.writeString(file, config);
			String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
			Process process = new ProcessBuilder(binary, "-p", prefix.toString(), "-e",
					prefix.resolve("error.log").toString(), "-c", file.toString(), "-g", "daemon off;")
				.redirectErrorStream(true)
				.redirectOutput(prefix.resolve("console.log").toFile())
				.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
							+ Files.readString(prefix.resolve("console.log")));
				}
				return accepts(port);
			});
			return new NginxForwardAuth(process, null, "http://127.0.0.1:" + port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start nginx (Debian package nginx; .ci/run installs it)", ex);
		}
	}

	@SuppressWarnings("resource")
	private static NginxForwardAuth inContainer(String template, int portcullisPort, int backendPort) {
		Testcontainers.exposeHostPorts(portcullisPort, backendPort);
		String config = template.replace("@PREFIX@", "/tmp")
			.replace("@LISTEN@", "8080")
			.replace("@PORTCULLIS@", "host.testcontainers.internal:" + portcullisPort)
			.replace("@BACKEND@", "host.testcontainers.internal:" + backendPort);
		GenericContainer<?> container = new GenericContainer<>("nginx:1.27")
			.withCopyToContainer(Transferable.of(config), "/etc/nginx/nginx.conf")
			.withCommand("nginx", "-c", "/etc/nginx/nginx.conf", "-g", "daemon off;")
			.withExposedPorts(8080);
		container.start();
		return new NginxForwardAuth(null, container,
				"http://" + container.getHost() + ":" + container.getMappedPort(8080));
	}

	private static String template() {
		try (InputStream in = NginxForwardAuth.class.getResourceAsStream("/edge/nginx.conf")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		if (this.container != null) {
			this.container.stop();
		}
		if (this.process != null) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
