package dev.portcullis.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} this test starts on a free loopback port (never the shared one),
 * which it can kill and start again on the same port. With {@link #cluster()} it runs as
 * a Redis Cluster node.
 */
public final class RedisProcess implements AutoCloseable {

	private final int port;

	private final boolean cluster;

	private final Path directory;

	private volatile Process process;

	private RedisProcess(int port, boolean cluster) {
		this.port = port;
		this.cluster = cluster;
		try {
			this.directory = Files.createTempDirectory("portcullis-redis-" + port);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Starts a standalone Redis on a free port. */
	public static RedisProcess start() {
		RedisProcess redis = new RedisProcess(TestInfrastructure.freePort(), false);
		redis.restart();
		return redis;
	}

	/** Starts a node with {@code cluster-enabled yes} on a free port (not yet joined). */
	public static RedisProcess cluster() {
		RedisProcess redis = new RedisProcess(TestInfrastructure.freePort(), true);
		redis.restart();
		return redis;
	}

	public int port() {
		return this.port;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/** Starts the server (again) on its port and waits until it answers PING. */
	public synchronized void restart() {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()));
		if (this.cluster) {
			command.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
					"--cluster-node-timeout", "2000"));
		}
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start redis-server (is it installed? see .ci/run)", ex);
		}
		Process started = this.process;
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
			if (!started.isAlive()) {
				throw new IllegalStateException("redis-server on port " + this.port + " exited");
			}
			return pong();
		});
	}

	/** Kills the server with SIGKILL, as a crash would: no clean shutdown. */
	public synchronized void kill() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			current.destroyForcibly();
			try {
				current.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public boolean pong() {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.read(reply);
			return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		kill();
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary folder left behind is harmless
		}
	}

}
