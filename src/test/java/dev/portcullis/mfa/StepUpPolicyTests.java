package dev.portcullis.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenClaims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class StepUpPolicyTests {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private final Users users = mock(Users.class);

	private final StepUpPolicy policy = new StepUpPolicy(this.users, new StepUpProperties(Duration.ofMinutes(10)),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void recentPasswordAuthenticationOfAUserWithoutTwoFactorIsFresh() {
		AccessTokenClaims claims = claims(NOW.minus(Duration.ofMinutes(9)), "pwd");
		given(this.users.findById(claims.userId())).willReturn(Mono.just(user(claims.userId(), false)));
		StepVerifier.create(this.policy.requireFresh(claims)).verifyComplete();
	}

	@Test
	void authenticationOlderThanMaxAgeNeedsStepUp() {
		AccessTokenClaims claims = claims(NOW.minus(Duration.ofMinutes(11)), "pwd", "otp");
		expectStepUp(this.policy.requireFresh(claims));
		verifyNoInteractions(this.users);
	}

	@Test
	void userWithTwoFactorNeedsAnOtpInTheToken() {
		AccessTokenClaims claims = claims(NOW.minus(Duration.ofMinutes(1)), "pwd");
		given(this.users.findById(claims.userId())).willReturn(Mono.just(user(claims.userId(), true)));
		expectStepUp(this.policy.requireFresh(claims));
	}

	@Test
	void recentAuthenticationWithOtpIsFresh() {
		StepVerifier.create(this.policy.requireFresh(claims(NOW.minus(Duration.ofMinutes(1)), "pwd", "otp")))
			.verifyComplete();
	}

	private static void expectStepUp(Mono<Void> check) {
		StepVerifier.create(check).verifyErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(ProblemException.class);
			assertThat(((ProblemException) ex).code()).isEqualTo("step_up_required");
			assertThat(((ProblemException) ex).status().value()).isEqualTo(403);
		});
	}

	private static AccessTokenClaims claims(Instant authTime, String... amr) {
		return new AccessTokenClaims(UUID.randomUUID(), UUID.randomUUID(), authTime, List.of(amr), List.of("admin"),
				"jti", NOW, NOW.plus(Duration.ofMinutes(15)));
	}

	private static User user(UUID id, boolean twoFactor) {
		return new User(id, "admin@example.com", "Admin", "hash", true, List.of("admin"), twoFactor, NOW);
	}

}
