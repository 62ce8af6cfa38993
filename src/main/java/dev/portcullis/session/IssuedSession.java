package dev.portcullis.session;

import dev.portcullis.account.User;
import dev.portcullis.token.IssuedAccessToken;

/**
 * A session with fresh credentials for it: what sign-in and refresh hand back.
 * {@code refreshToken} is the plaintext the client keeps; it exists only in memory.
 */
public record IssuedSession(Session session, User user, String refreshToken, IssuedAccessToken accessToken) {

	@Override
	public String toString() {
		return "IssuedSession[session=" + this.session.id() + "]";
	}

}
