package dev.portcullis.crypto;

import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when stored values need a master key that is no longer in the ring:
 * the message names the key ids and what still needs them, and says how to recover.
 * Without it an instance would start and then fail on every such value (a user's 2FA, a
 * queued mail, a signing key). Runs once, on the starting thread, before the web server
 * and the pollers start; this is the one place the gateway waits on the database, because
 * refusing to start must happen before serving. When the database does not answer within
 * 30 seconds, start-up goes on with a warning, and the re-seal names any such key in the
 * log each time it runs.
 */
@Component
class KeyringCheck implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(KeyringCheck.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final KeyUsage usage;

	private final MasterKeys keys;

	private volatile boolean running;

	KeyringCheck(KeyUsage usage, MasterKeys keys) {
		this.usage = usage;
		this.keys = keys;
	}

	@Override
	public void start() {
		Map<String, Map<String, Long>> counts;
		try {
			counts = this.usage.refresh().block(TIMEOUT);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check at start-up that every stored value's master key is in the ring: {}",
					ex.toString());
			this.running = true;
			return;
		}
		Map<String, Map<String, Long>> missing = KeyUsage.missing(counts, this.keys);
		if (!missing.isEmpty()) {
			throw new IllegalStateException(message(missing));
		}
		this.running = true;
	}

	static String message(Map<String, Map<String, Long>> missing) {
		StringJoiner needs = new StringJoiner("; ");
		missing.forEach((keyId, byColumn) -> {
			StringJoiner columns = new StringJoiner(", ");
			byColumn.forEach((column, rows) -> columns.add(rows + " in " + column));
			needs.add("master key " + keyId + " (" + columns + ")");
		});
		return "Stored values need master keys that are not in portcullis.encryption.keys: " + needs
				+ ". Put each such key back into the ring (not as the active one) and start again; the re-seal moves "
				+ "its values to the active key, and the key can leave the ring once the gauge "
				+ "portcullis.encryption.sealed.rows shows zero for it.";
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before every other lifecycle bean: nothing serves or polls until this passed. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
