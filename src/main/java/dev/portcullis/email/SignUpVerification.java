package dev.portcullis.email;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.account.Users;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.audit.SecurityEventListener;

/**
 * Queues the verification mail when {@code user.signed_up} is recorded, in the
 * transaction that creates the account: the account and its mail exist together or not at
 * all.
 */
@Component
class SignUpVerification implements SecurityEventListener {

	private final Users users;

	private final EmailVerification verification;

	SignUpVerification(Users users, EmailVerification verification) {
		this.users = users;
		this.verification = verification;
	}

	@Override
	public boolean supports(String type) {
		return "user.signed_up".equals(type);
	}

	@Override
	public Mono<Void> recorded(SecurityEvent event) {
		return Mono.justOrEmpty(event.userId())
			.flatMap(this.users::findById)
			.filter((user) -> !user.emailVerified())
			.flatMap(this.verification::send);
	}

}
