package dev.portcullis.account;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Placeholder until the lockout feature (issue 4) replaces it: never locks. */
@Component
class NoSecondFactorLockout implements SecondFactorLockout {

	@Override
	public Mono<Void> checkNotLocked(UUID userId) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> recordFailure(UUID userId) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> recordSuccess(UUID userId) {
		return Mono.empty();
	}

}
