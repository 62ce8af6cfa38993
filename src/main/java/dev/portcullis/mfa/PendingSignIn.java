package dev.portcullis.mfa;

import java.util.UUID;

/**
 * An open sign-in challenge: whose it is and what the sign-in that opened it chose.
 * {@code mfaToken} is the client's plaintext, held in memory only.
 */
public record PendingSignIn(String mfaToken, UUID userId, boolean rememberMe, boolean bodyDelivery) {

	@Override
	public String toString() {
		return "PendingSignIn[userId=" + this.userId + "]";
	}

}
