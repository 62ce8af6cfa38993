package dev.portcullis.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

/**
 * A file a browser loads, read once at startup (never on an event-loop thread) with a
 * strong ETag of its content.
 */
record BrowserAsset(byte[] content, MediaType type, String etag) {

	static BrowserAsset load(String name, MediaType type) {
		ClassPathResource resource = new ClassPathResource("browser/" + name);
		try (InputStream in = resource.getInputStream()) {
			byte[] content = in.readAllBytes();
			return new BrowserAsset(content, type, etagOf(content));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The browser asset " + name + " is missing from the classpath "
					+ "(the build copies portcullis.js from clients/js)", ex);
		}
	}

	private static String etagOf(byte[] content) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "BrowserAsset[" + this.type + ", " + this.etag + "]";
	}

}
