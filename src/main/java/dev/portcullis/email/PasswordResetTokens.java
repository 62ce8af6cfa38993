package dev.portcullis.email;

import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.User;
import dev.portcullis.account.Users;

/**
 * The single-use links of a password reset, for the password feature: mailing one,
 * finding whose it is, using it up. Tokens live
 * {@code portcullis.email.password-reset.ttl}; a used or unknown one is
 * {@code 400 token_invalid}, an expired one {@code 410 token_expired}.
 */
@Component
public class PasswordResetTokens {

	private final EmailTokens tokens;

	private final Outbox outbox;

	private final EmailLinks links;

	private final EmailProperties properties;

	private final Users users;

	PasswordResetTokens(EmailTokens tokens, Outbox outbox, EmailLinks links, EmailProperties properties, Users users) {
		this.tokens = tokens;
		this.outbox = outbox;
		this.links = links;
		this.properties = properties;
		this.users = users;
	}

	/** Queues a reset mail with a new link; joins the caller's transaction. */
	public Mono<Void> send(User user) {
		return this.tokens.issue(user.id(), EmailTokens.Purpose.PASSWORD_RESET, this.properties.passwordReset().ttl())
			.flatMap((token) -> {
				Map<String, String> model = MailModel.of(user);
				model.put("link", this.links.passwordReset(token));
				model.put("ttl", MailModel.duration(this.properties.passwordReset().ttl()));
				return this.outbox.enqueue(user.email(), MailTemplate.PASSWORD_RESET, model);
			});
	}

	/** The user a live link belongs to, without using it up. */
	public Mono<User> holder(String token) {
		return this.tokens.peek(token, EmailTokens.Purpose.PASSWORD_RESET)
			.flatMap(this.users::findById)
			.switchIfEmpty(Mono.error(EmailProblems::tokenInvalid));
	}

	/**
	 * Uses the link up for this user and voids every other reset link they hold; errors
	 * {@code token_invalid} when a concurrent request used it first.
	 */
	public Mono<Void> consume(String token, UUID userId) {
		return this.tokens.consume(token, EmailTokens.Purpose.PASSWORD_RESET)
			.filter(userId::equals)
			.switchIfEmpty(Mono.error(EmailProblems::tokenInvalid))
			.then(this.tokens.revokeAll(userId, EmailTokens.Purpose.PASSWORD_RESET));
	}

}
