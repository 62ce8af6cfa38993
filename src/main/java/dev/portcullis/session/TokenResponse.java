package dev.portcullis.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.portcullis.account.UserView;

/** The contract's token response; {@code refreshToken} only for body delivery. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
		long refreshExpiresIn, SessionSummary session, UserView user) {

	public static TokenResponse of(IssuedSession issued, boolean bodyDelivery, Clock clock) {
		Instant expiresAt = issued.session().expiresAt();
		long remaining = Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
		return new TokenResponse(issued.accessToken().value(), "Bearer", issued.accessToken().expiresIn(),
				bodyDelivery ? issued.refreshToken() : null, remaining,
				new SessionSummary(issued.session().id(), expiresAt), UserView.of(issued.user()));
	}

	@Override
	public String toString() {
		return "TokenResponse[session=" + this.session.id() + "]";
	}

	public record SessionSummary(UUID id, Instant expiresAt) {

	}

}
