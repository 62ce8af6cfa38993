package dev.portcullis.account;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.nulabinc.zxcvbn.Zxcvbn;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.Offloader;

/**
 * Decides whether a new password is acceptable and names every rule it breaks, using the
 * contract's violation codes. Strength is zxcvbn's score with the user's own email and
 * name as extra dictionary words; a common password always fails.
 */
@Component
public class PasswordPolicy {

	private final PasswordProperties properties;

	private final CommonPasswords common;

	private final Offloader offloader;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	PasswordPolicy(PasswordProperties properties, CommonPasswords common, Offloader offloader) {
		this.properties = properties;
		this.common = common;
		this.offloader = offloader;
		// zxcvbn builds its dictionaries on first use: pay that at startup, not on a
		// sign-up.
		this.zxcvbn.measure("warm-up");
	}

	/**
	 * Completes empty when the password is acceptable, else with
	 * {@code 422 weak_password}.
	 */
	public Mono<Void> check(String password, String email, String name) {
		return this.offloader.call(() -> violations(password, email, name))
			.flatMap((violations) -> violations.isEmpty() ? Mono.empty()
					: Mono.error(AccountProblems.weakPassword(violations)));
	}

	List<String> violations(String password, String email, String name) {
		List<String> violations = new ArrayList<>();
		int length = password.codePointCount(0, password.length());
		if (length < this.properties.minLength()) {
			violations.add("too_short");
		}
		if (length > this.properties.maxLength()) {
			violations.add("too_long");
			return violations;
		}
		if (this.properties.requireUppercase() && password.chars().noneMatch(Character::isUpperCase)) {
			violations.add("missing_uppercase");
		}
		if (this.properties.requireLowercase() && password.chars().noneMatch(Character::isLowerCase)) {
			violations.add("missing_lowercase");
		}
		if (this.properties.requireDigit() && password.chars().noneMatch(Character::isDigit)) {
			violations.add("missing_digit");
		}
		if (this.properties.requireSymbol() && password.chars().allMatch(Character::isLetterOrDigit)) {
			violations.add("missing_symbol");
		}
		if (this.common.contains(password)) {
			violations.add("common_password");
		}
		else if (score(password, email, name) < this.properties.minStrength()) {
			violations.add("too_weak");
		}
		return violations;
	}

	private int score(String password, String email, String name) {
		List<String> personal = Stream.of(email, name, (email != null) ? email.split("@")[0] : null)
			.filter((value) -> value != null && !value.isBlank())
			.toList();
		return this.zxcvbn.measure(password, personal).getScore();
	}

}
