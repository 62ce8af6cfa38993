package dev.portcullis.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The 100,000 most common passwords of the SecLists "10 million passwords" corpus (MIT
 * licence), lower-cased, bundled as {@code passwords/common-passwords.txt.gz}. Compared
 * case-insensitively: {@code Password1} is as guessable as {@code password1}.
 */
@Component
class CommonPasswords {

	private final Set<String> passwords;

	CommonPasswords() {
		this.passwords = load();
	}

	boolean contains(String password) {
		return this.passwords.contains(password.toLowerCase(Locale.ROOT));
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>(200_000);
		ClassPathResource resource = new ClassPathResource("passwords/common-passwords.txt.gz");
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(resource.getInputStream()), StandardCharsets.UTF_8))) {
			reader.lines().forEach(passwords::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The common-password list could not be read", ex);
		}
		return Set.copyOf(passwords);
	}

}
