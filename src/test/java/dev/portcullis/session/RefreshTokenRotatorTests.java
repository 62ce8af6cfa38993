package dev.portcullis.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.portcullis.account.User;
import dev.portcullis.account.Users;
import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.crypto.Hmac;
import dev.portcullis.crypto.HmacKeys;
import dev.portcullis.crypto.Tokens;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenIssuer;
import dev.portcullis.token.IssuedAccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * How a presented refresh token is classified once the one-statement rotation matched
 * nothing (grace 10s, the defaults). The store is a mock answering what the database
 * would; what is checked is what the caller sees: the token issued or the problem code,
 * and the revocation that reuse causes.
 */
class RefreshTokenRotatorTests {

	static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	static final ClientInfo CLIENT = new ClientInfo("203.0.113.7", "test");

	final RefreshTokens refreshTokens = new RefreshTokens(successorKey());

	final SessionStore store = mock(SessionStore.class);

	final Users users = mock(Users.class);

	final AccessTokenIssuer accessTokens = mock(AccessTokenIssuer.class);

	final SessionRevoker revoker = mock(SessionRevoker.class);

	final SecurityEvents events = mock(SecurityEvents.class);

	final User user = new User(UUID.randomUUID(), "a@example.com", "A", "hash", true, List.of("user"), false, NOW);

	final String parent = Tokens.random();

	@BeforeEach
	void collaborators() {
		given(this.users.findById(this.user.id())).willReturn(Mono.just(this.user));
		given(this.accessTokens.issue(eq(this.user.id()), any(), any(), anyList(), anyList()))
			.willReturn(Mono.just(new IssuedAccessToken("access", 900, null)));
		given(this.revoker.revoke(any(), any(), any(), any())).willReturn(Mono.just(1));
		given(this.revoker.revokeAll(any(), any(), any(), any())).willReturn(Mono.just(3));
		given(this.events.record(any(), any())).willReturn(Mono.empty());
	}

	@Test
	void rotateWhenTokenIsTheNewestThenIssuesItsSuccessor() {
		Session session = session(1, null, NOW.plus(Duration.ofHours(24)));
		given(this.store.rotate(any(), any(), eq(NOW), any(), any(), any())).willReturn(Mono.just(session));

		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_SESSION).rotate(this.parent, CLIENT))
			.assertNext((issued) -> {
				assertThat(issued.refreshToken()).isEqualTo(this.refreshTokens.successorOf(this.parent).block())
					.isNotEqualTo(this.parent);
				assertThat(issued.session()).isSameAs(session);
				assertThat(issued.accessToken().value()).isEqualTo("access");
			})
			.verifyComplete();
		verifyNoInteractions(this.revoker);
	}

	@Test
	void rotateWhenParentIsRepeatedWithinTheGraceThenAnswersTheSameSuccessorAgain() {
		Session session = session(1, null, NOW.plus(Duration.ofHours(24)));
		String first = this.refreshTokens.successorOf(this.parent).block();
		rotatedAway(session, NOW.minusSeconds(10), 0);

		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_SESSION).rotate(this.parent, CLIENT))
			.assertNext((issued) -> assertThat(issued.refreshToken()).isEqualTo(first))
			.verifyComplete();
		verifyNoInteractions(this.revoker);
	}

	@Test
	void rotateWhenParentIsRepeatedAfterTheGraceThenRevokesTheChainAndAnswersReused() {
		Session session = session(1, null, NOW.plus(Duration.ofHours(24)));
		rotatedAway(session, NOW.minusSeconds(11), 0);

		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_SESSION).rotate(this.parent, CLIENT))
			.expectErrorSatisfies((ex) -> assertCode(ex, "refresh_token_reused"))
			.verify();
		verify(this.revoker).revoke(eq(this.user.id()), eq(session.id()), eq("refresh_token_reused"), any());
		verify(this.revoker, never()).revokeAll(any(), any(), any(), any());
		verify(this.events).record(eq("refresh_token.reuse_detected"),
				argThat((EventContext context) -> context.details()
					.equals(Map.of("sessionsRevoked", 1, "action", "revoke-session"))));
	}

	@Test
	void rotateWhenAnOlderAncestorIsRepeatedEvenWithinTheGraceThenRevokesTheChain() {
		Session session = session(3, null, NOW.plus(Duration.ofHours(24)));
		rotatedAway(session, NOW.minusSeconds(1), 1);

		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_SESSION).rotate(this.parent, CLIENT))
			.expectErrorSatisfies((ex) -> assertCode(ex, "refresh_token_reused"))
			.verify();
		verify(this.revoker).revoke(eq(this.user.id()), eq(session.id()), eq("refresh_token_reused"), any());
	}

	@Test
	void rotateWhenReusedAndTheActionIsRevokeAllSessionsThenRevokesEverySessionOfTheUser() {
		Session session = session(1, null, NOW.plus(Duration.ofHours(24)));
		rotatedAway(session, NOW.minusSeconds(60), 0);

		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_ALL_SESSIONS).rotate(this.parent, CLIENT))
			.expectErrorSatisfies((ex) -> assertCode(ex, "refresh_token_reused"))
			.verify();
		verify(this.revoker).revokeAll(eq(this.user.id()), isNull(), eq("refresh_token_reused"), any());
		verify(this.revoker, never()).revoke(any(), any(), any(), any());
		verify(this.events).record(eq("refresh_token.reuse_detected"),
				argThat((EventContext context) -> context.details()
					.equals(Map.of("sessionsRevoked", 3, "action", "revoke-all-sessions"))));
	}

	@Test
	void rotateWhenTheNewestTokenOfARevokedChainIsPresentedThenAnswersSessionRevoked() {
		newest(session(2, NOW.minusSeconds(5), NOW.plus(Duration.ofHours(24))));

		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_SESSION).rotate(this.parent, CLIENT))
			.expectErrorSatisfies((ex) -> assertCode(ex, "session_revoked"))
			.verify();
		verifyNoInteractions(this.revoker);
	}

	@Test
	void rotateWhenTheNewestTokenOfAnExpiredChainIsPresentedThenAnswersSessionExpired() {
		newest(session(2, null, NOW));

		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_SESSION).rotate(this.parent, CLIENT))
			.expectErrorSatisfies((ex) -> assertCode(ex, "session_expired"))
			.verify();
		verifyNoInteractions(this.revoker);
	}

	@Test
	void rotateWhenTheParentIsRepeatedWithinTheGraceOfAChainThatHasSinceEndedThenAnswersItsEnd() {
		rotatedAway(session(1, NOW.minusSeconds(2), NOW.plus(Duration.ofHours(24))), NOW.minusSeconds(5), 0);

		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_SESSION).rotate(this.parent, CLIENT))
			.expectErrorSatisfies((ex) -> assertCode(ex, "session_revoked"))
			.verify();
		verifyNoInteractions(this.revoker);
	}

	@Test
	void rotateWhenTheTokenIsUnknownThenAnswersInvalidRefreshToken() {
		given(this.store.rotate(any(), any(), any(), any(), any(), any())).willReturn(Mono.empty());
		given(this.store.findOwner(any())).willReturn(Mono.empty());

		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_SESSION).rotate(this.parent, CLIENT))
			.expectErrorSatisfies((ex) -> assertCode(ex, "invalid_refresh_token"))
			.verify();
	}

	@Test
	void rotateWhenTheTokenIsMalformedThenAnswersInvalidRefreshTokenWithoutAskingTheStore() {
		StepVerifier.create(rotator(RefreshProperties.ReuseAction.REVOKE_SESSION).rotate("not a token", CLIENT))
			.expectErrorSatisfies((ex) -> assertCode(ex, "invalid_refresh_token"))
			.verify();
		verifyNoInteractions(this.store);
	}

	private RefreshTokenRotator rotator(RefreshProperties.ReuseAction action) {
		SessionProperties sessions = new SessionProperties(Duration.ofHours(24), Duration.ofHours(1),
				Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(30), Duration.ofSeconds(10),
				Duration.ofMinutes(1));
		return new RefreshTokenRotator(this.store, this.refreshTokens, this.accessTokens, this.users, this.revoker,
				sessions, new RefreshProperties(Duration.ofSeconds(10), action), this.events, new SimpleMeterRegistry(),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	/** The presented token was rotated away at {@code rotatedAt}; it was generation n. */
	private void rotatedAway(Session session, Instant rotatedAt, int generation) {
		given(this.store.rotate(any(), any(), any(), any(), any(), any())).willReturn(Mono.empty());
		given(this.store.findOwner(any()))
			.willReturn(Mono.just(new SessionStore.TokenOwner(session, rotatedAt, generation)));
	}

	/** The presented token is its chain's newest, yet the rotation matched nothing. */
	private void newest(Session session) {
		given(this.store.rotate(any(), any(), any(), any(), any(), any())).willReturn(Mono.empty());
		given(this.store.findOwner(any())).willReturn(Mono.just(new SessionStore.TokenOwner(session, null, null)));
	}

	private Session session(int generation, Instant revokedAt, Instant expiresAt) {
		return new Session(UUID.randomUUID(), this.user.id(), generation, false, List.of("pwd"), NOW.minusSeconds(600),
				"test", "203.0.113.7", null, NOW.minusSeconds(600), NOW.minusSeconds(10), expiresAt,
				NOW.minusSeconds(600), NOW.plus(Duration.ofDays(90)), revokedAt);
	}

	private static void assertCode(Throwable ex, String code) {
		assertThat(ex).isInstanceOf(ProblemException.class);
		assertThat(((ProblemException) ex).code()).isEqualTo(code);
		assertThat(((ProblemException) ex).status().value()).isEqualTo(401);
	}

	private static HmacKeys successorKey() {
		HmacKeys keys = mock(HmacKeys.class);
		given(keys.current(RefreshTokens.PURPOSE)).willReturn(Mono.just(Hmac.of("hmac:1", new byte[32])));
		return keys;
	}

}
