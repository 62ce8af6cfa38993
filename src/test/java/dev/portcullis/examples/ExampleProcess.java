package dev.portcullis.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One example backend (examples/) run as its own process, as it would run beside the
 * gateway: its output goes to {@code target/examples/<name>.log}.
 */
final class ExampleProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private ExampleProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the command and waits until it prints its port (a JSON line
	 * {@code {"listening": N}}).
	 */
	static ExampleProcess startReportingPort(String name, List<String> command, Map<String, String> environment)
			throws Exception {
		Process process = builder(name, command, environment).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
		CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readPort(process));
		try {
			return new ExampleProcess(process, port.get(60, TimeUnit.SECONDS));
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw new IllegalStateException(name + " did not start; see target/examples/" + name + ".log", ex);
		}
	}

	/** Starts the command on a known port. */
	static ExampleProcess start(String name, List<String> command, Map<String, String> environment, int port)
			throws IOException {
		Process process = builder(name, command, environment)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()))
			.start();
		return new ExampleProcess(process, port);
	}

	WebTestClient http() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	static Path required(String path, String hint) {
		Path file = Path.of(path);
		if (!Files.exists(file)) {
			throw new IllegalStateException(path + " is missing: " + hint);
		}
		return file;
	}

	private static ProcessBuilder builder(String name, List<String> command, Map<String, String> environment)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command)
			.redirectError(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
		builder.environment().putAll(environment);
		return builder;
	}

	private static Path log(String name) throws IOException {
		Path directory = Path.of("target", "examples");
		Files.createDirectories(directory);
		return directory.resolve(name + ".log");
	}

	private static int readPort(Process process) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line = reader.readLine();
			if (line == null || !line.startsWith("{\"listening\":")) {
				throw new IllegalStateException("unexpected first line: " + line);
			}
			return Integer.parseInt(line.replaceAll("\\D", ""));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
