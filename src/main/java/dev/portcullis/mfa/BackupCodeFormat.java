package dev.portcullis.mfa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a backup code looks like: 10 per set, each 10 characters of Crockford's base32 (50
 * bits), shown as {@code xxxxx-xxxxx}; typed back in any case, with or without the dash.
 */
final class BackupCodeFormat {

	static final int PER_SET = 10;

	static final int LENGTH = 10;

	private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

	private static final SecureRandom random = new SecureRandom();

	private BackupCodeFormat() {
	}

	/** A fresh set of codes, formatted for display. */
	static List<String> generate() {
		List<String> codes = new ArrayList<>(PER_SET);
		for (int i = 0; i < PER_SET; i++) {
			StringBuilder code = new StringBuilder(LENGTH + 1);
			for (int c = 0; c < LENGTH; c++) {
				if (c == LENGTH / 2) {
					code.append('-');
				}
				code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			codes.add(code.toString());
		}
		return codes;
	}

	/**
	 * Lower case without separators or spaces; Crockford's look-alikes read as the digits
	 * they resemble ({@code i}, {@code l} → 1, {@code o} → 0).
	 */
	static String normalize(String code) {
		StringBuilder out = new StringBuilder(code.length());
		for (char c : code.toLowerCase(Locale.ROOT).toCharArray()) {
			if (c == '-' || Character.isWhitespace(c)) {
				continue;
			}
			out.append((c == 'i' || c == 'l') ? '1' : (c == 'o') ? '0' : c);
		}
		return out.toString();
	}

}
