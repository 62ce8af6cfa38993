package dev.portcullis.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder of a local run ({@code portcullis.local.data-dir}). It holds the master key
 * and the database, so it is created readable by its owner only, where the file system
 * has POSIX permissions.
 */
final class DataDirectory {

	private DataDirectory() {
	}

	/** Create the folder (owner only) unless it exists; an existing one is left as is. */
	static void create(Path directory) {
		try {
			Files.createDirectories(directory, ownerOnly("rwx------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the local data directory " + directory, ex);
		}
	}

	/**
	 * The attribute that gives {@code permissions}, or none on a non-POSIX file system.
	 */
	static FileAttribute<?>[] ownerOnly(String permissions) {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] {
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
	}

}
