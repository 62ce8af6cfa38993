package dev.portcullis.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The master key of a local run, generated once and kept in
 * {@code <data-dir>/encryption.key} so that signing keys and TOTP secrets stored in the
 * embedded database stay readable across restarts. The file is readable by its owner
 * only, where the file system has POSIX permissions.
 */
final class LocalEncryptionKey {

	static final String FILE_NAME = "encryption.key";

	private static final int KEY_BYTES = 32;

	private LocalEncryptionKey() {
	}

	/**
	 * Read the key from {@code dataDirectory}, creating it first if absent.
	 * @return base64 of 32 random bytes
	 * @throws IllegalStateException when the file holds something else: replacing it
	 * would make everything encrypted under the old key unreadable
	 */
	static String loadOrCreate(Path dataDirectory) {
		Path file = dataDirectory.resolve(FILE_NAME);
		try {
			if (!Files.exists(file)) {
				create(dataDirectory, file);
			}
			String key = Files.readString(file).trim();
			if (!isValid(key)) {
				throw new IllegalStateException(file.toAbsolutePath() + " is not base64 of " + KEY_BYTES
						+ " bytes. Restore it, or delete it together with the local database to start afresh.");
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create " + file.toAbsolutePath(), ex);
		}
	}

	private static void create(Path dataDirectory, Path file) throws IOException {
		DataDirectory.create(dataDirectory);
		byte[] key = new byte[KEY_BYTES];
		new SecureRandom().nextBytes(key);
		try {
			Files.createFile(file, DataDirectory.ownerOnly("rw-------"));
		}
		catch (FileAlreadyExistsException ex) {
			return; // another process won the race: use its key
		}
		Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
	}

	private static boolean isValid(String key) {
		try {
			return Base64.getDecoder().decode(key).length == KEY_BYTES;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
