package dev.portcullis.mfa;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.portcullis.account.SecondFactorLockout;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.support.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class SecondFactorTests {

	private static final UUID USER = UUID.randomUUID();

	private static final EventContext CONTEXT = EventContext.of(USER, null, "203.0.113.5", "test");

	private final TotpVerifier totp = mock(TotpVerifier.class);

	private final BackupCodes backupCodes = mock(BackupCodes.class);

	private final SecondFactorLockout lockout = mock(SecondFactorLockout.class);

	private final SecurityEvents events = mock(SecurityEvents.class);

	private final SecondFactor secondFactor = new SecondFactor(this.totp, this.backupCodes, this.lockout, this.events);

	@BeforeEach
	void lockoutAllows() {
		given(this.lockout.checkNotLocked(USER)).willReturn(Mono.empty());
		given(this.lockout.recordFailure(USER)).willReturn(Mono.empty());
		given(this.lockout.recordSuccess(USER)).willReturn(Mono.empty());
	}

	@Test
	void aRightTotpCodeResetsTheLockoutCount() {
		given(this.totp.verifyConfirmed(USER, "123456")).willReturn(Mono.just(true));
		StepVerifier.create(this.secondFactor.verify(USER, " 123 456 ", CONTEXT)).expectNext(true).verifyComplete();
		verify(this.lockout).recordSuccess(USER);
		verify(this.lockout, never()).recordFailure(USER);
		verifyNoInteractions(this.backupCodes);
	}

	@Test
	void aWrongCodeCountsTowardTheLockout() {
		given(this.totp.verifyConfirmed(USER, "123456")).willReturn(Mono.just(false));
		StepVerifier.create(this.secondFactor.verify(USER, "123456", CONTEXT)).expectNext(false).verifyComplete();
		verify(this.lockout).recordFailure(USER);
		verify(this.lockout, never()).recordSuccess(USER);
	}

	@Test
	void anythingButSixDigitsIsTriedAsABackupCodeAndItsUseIsRecorded() {
		given(this.backupCodes.use(USER, "abcde-fghjk")).willReturn(Mono.just(7));
		given(this.events.record(eq("two_factor.backup_code_used"), any())).willReturn(Mono.empty());
		StepVerifier.create(this.secondFactor.verify(USER, "abcde-fghjk", CONTEXT)).expectNext(true).verifyComplete();
		verify(this.events).record(eq("two_factor.backup_code_used"),
				eq(CONTEXT.withDetails(java.util.Map.of("remaining", 7))));
		verify(this.lockout).recordSuccess(USER);
		verifyNoInteractions(this.totp);
	}

	@Test
	void anUnknownBackupCodeIsAFailure() {
		given(this.backupCodes.use(USER, "abcde-fghjk")).willReturn(Mono.empty());
		StepVerifier.create(this.secondFactor.verify(USER, "abcde-fghjk", CONTEXT)).expectNext(false).verifyComplete();
		verify(this.lockout).recordFailure(USER);
	}

	@Test
	void whileLockedNoCodeIsCheckedAndNothingIsCounted() {
		given(this.lockout.checkNotLocked(USER))
			.willReturn(Mono.error(new ProblemException(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS,
					"account_locked", "Locked.")));
		StepVerifier.create(this.secondFactor.verify(USER, "123456", CONTEXT))
			.expectErrorSatisfies((ex) -> assertThat(((ProblemException) ex).code()).isEqualTo("account_locked"))
			.verify();
		StepVerifier.create(this.secondFactor.confirmEnrollment(USER, "123456"))
			.expectError(ProblemException.class)
			.verify();
		verifyNoInteractions(this.totp, this.backupCodes);
		verify(this.lockout, never()).recordFailure(any());
		verify(this.lockout, never()).recordSuccess(any());
	}

	@Test
	void enrollmentIsConfirmedByTotpCodesOnly() {
		given(this.totp.confirmPending(eq(USER), anyString())).willReturn(Mono.just(false));
		StepVerifier.create(this.secondFactor.confirmEnrollment(USER, "abcde-fghjk"))
			.expectNext(false)
			.verifyComplete();
		verify(this.lockout).recordFailure(USER);
		verifyNoInteractions(this.backupCodes);
	}

}
