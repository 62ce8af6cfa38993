package dev.portcullis.email;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.SignInCheck;
import dev.portcullis.account.User;

/**
 * With {@code portcullis.email.verification.required}, a proven password is not enough:
 * the address must be verified too, else {@code 403 email_not_verified}. It runs only
 * after the password is proven, so it tells nothing to someone who does not know it.
 */
@Component
class VerifiedEmailCheck implements SignInCheck {

	private final EmailProperties properties;

	VerifiedEmailCheck(EmailProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<Void> check(User user) {
		if (this.properties.verification().required() && !user.emailVerified()) {
			return Mono.error(EmailProblems::emailNotVerified);
		}
		return Mono.empty();
	}

}
