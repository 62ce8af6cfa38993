package dev.portcullis.support;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one comparison form of an email address: trimmed, Unicode NFKC, lower case. NFKC
 * folds compatibility look-alikes (full-width {@code ｕ}, ligatures, the full-width
 * {@code ＠}) onto their plain forms, so {@code ｕser@example.com} and
 * {@code user@example.com} are one account, one rate-limit counter.
 */
public final class Emails {

	private Emails() {
	}

	public static String normalize(String email) {
		return Normalizer.normalize(email.trim(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

}
