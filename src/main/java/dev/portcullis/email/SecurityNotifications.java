package dev.portcullis.email;

import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.audit.SecurityEventListener;

/**
 * Tells users about security-relevant changes to their account by mail, one template per
 * event type, queued in the transaction that records the event. A new-device mail goes
 * out at most once per device (browser, OS, type and network, as
 * {@code session.new_device} defines a device), however often or concurrently that device
 * signs in. A reuse mail goes out at most once per session. Nothing is sent to an address
 * that is not verified.
 */
@Component
class SecurityNotifications implements SecurityEventListener {

	static final Map<String, MailTemplate> TEMPLATES = Map.of("session.new_device", MailTemplate.NEW_DEVICE,
			"refresh_token.reuse_detected", MailTemplate.REFRESH_TOKEN_REUSED, "account.locked",
			MailTemplate.ACCOUNT_LOCKED, "two_factor.enabled", MailTemplate.TWO_FACTOR_ENABLED, "two_factor.disabled",
			MailTemplate.TWO_FACTOR_DISABLED, "password.changed", MailTemplate.PASSWORD_CHANGED, "password.reset",
			MailTemplate.PASSWORD_RESET_DONE);

	private final Users users;

	private final Outbox outbox;

	SecurityNotifications(Users users, Outbox outbox) {
		this.users = users;
		this.outbox = outbox;
	}

	@Override
	public boolean supports(String type) {
		return TEMPLATES.containsKey(type);
	}

	@Override
	public Mono<Void> recorded(SecurityEvent event) {
		MailTemplate template = TEMPLATES.get(event.type());
		return Mono.justOrEmpty(event.userId())
			.flatMap(this.users::findById)
			// An unverified address may be anyone's: security mail would make the gateway
			// a mailer an attacker can aim (sign up with a victim's address, then
			// trigger).
			.filter(User::emailVerified)
			.flatMap((user) -> notify(user, event, template));
	}

	private Mono<Void> notify(User user, SecurityEvent event, MailTemplate template) {
		Map<String, String> model = MailModel.of(user);
		model.put("time", MailModel.time(event.createdAt()));
		model.put("ipAddress", Objects.requireNonNullElse(event.ipAddress(), "an unknown address"));
		if (template == MailTemplate.NEW_DEVICE) {
			model.put("device", describeDevice(event.details()));
			return this.outbox.enqueueOnce(deviceKey(user, event.details()), user.email(), template, model);
		}
		if (template == MailTemplate.REFRESH_TOKEN_REUSED && event.sessionId() != null) {
			return this.outbox.enqueueOnce("reuse:" + event.sessionId(), user.email(), template, model);
		}
		return this.outbox.enqueue(user.email(), template, model);
	}

	private static String deviceKey(User user, Map<String, Object> device) {
		StringJoiner key = new StringJoiner("|", "new-device:" + user.id() + ":", "");
		for (String part : new String[] { "type", "browser", "os", "network" }) {
			key.add(String.valueOf(device.get(part)));
		}
		return key.toString();
	}

	private static String describeDevice(Map<String, Object> device) {
		StringJoiner description = new StringJoiner(" on ");
		if (device.get("browser") != null) {
			description.add(device.get("browser").toString());
		}
		if (device.get("os") != null) {
			description.add(device.get("os").toString());
		}
		String type = String.valueOf(device.getOrDefault("type", "unknown"));
		return (description.length() > 0) ? description + " (" + type + ")" : "an unrecognised " + type + " device";
	}

}
