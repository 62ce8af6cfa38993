package dev.portcullis.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops an embedded server left running by an earlier JVM that was killed before its
 * shutdown hook ran (an IDE's stop button, {@code kill -9}). Such a PostgreSQL still
 * holds the data folder, so the next start would fail; such a Redis only wastes memory.
 * <p>
 * A pid is trusted only while its process's command still names the expected server,
 * so a recycled pid never gets another program stopped.
 */
final class OrphanedServer {

	private static final Log logger = LogFactory.getLog(OrphanedServer.class);

	private static final long STOP_TIMEOUT_SECONDS = 15;

	private OrphanedServer() {
	}

	/**
	 * Ask the process whose pid is on the first line of {@code pidFile} to stop, if it is
	 * alive and its command contains {@code command}, and wait for it to exit.
	 */
	static void stop(Path pidFile, String command) {
		Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.pid() != ProcessHandle.current().pid())
			.filter((process) -> commandContains(process, command));
		if (orphan.isEmpty()) {
			return;
		}
		ProcessHandle process = orphan.get();
		logger.warn("Stopping " + command + " (pid " + process.pid() + ") left running by an earlier local run");
		// SIGTERM: a smart shutdown for PostgreSQL, whose clients died with the old JVM
		process.destroy();
		try {
			process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn(command + " (pid " + process.pid() + ") did not stop within " + STOP_TIMEOUT_SECONDS
					+ "s; stop it by hand if the start fails");
		}
	}

	static boolean commandContains(ProcessHandle process, String command) {
		return process.info().command().map((path) -> Path.of(path).getFileName().toString().contains(command))
			.orElse(false);
	}

	private static Optional<Long> readPid(Path pidFile) {
		try {
			List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
