package dev.portcullis.email;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import dev.portcullis.account.User;

/**
 * Builds the values templates show: who the mail is for, when, from where, for how long.
 */
final class MailModel {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private MailModel() {
	}

	static Map<String, String> of(User user) {
		Map<String, String> model = new HashMap<>();
		model.put("name", (user.name() != null) ? user.name() : user.email());
		model.put("email", user.email());
		return model;
	}

	static String time(Instant instant) {
		return TIME.format(instant);
	}

	/** {@code 24 hours}, {@code 30 minutes}, {@code 1 day}. */
	static String duration(Duration duration) {
		if (duration.toDays() > 1 && duration.equals(Duration.ofDays(duration.toDays()))) {
			return duration.toDays() + " days";
		}
		if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
			return plural(duration.toHours(), "hour");
		}
		return plural(Math.max(1, duration.toMinutes()), "minute");
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

}
