package dev.portcullis.token;

/** The presented access token is malformed, expired, wrongly signed or foreign. */
public class InvalidTokenException extends RuntimeException {

	public InvalidTokenException(String reason) {
		super(reason, null, false, false);
	}

}
