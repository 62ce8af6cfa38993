package dev.portcullis.token;

/** A signed access token and its lifetime in seconds. */
public record IssuedAccessToken(String value, long expiresIn, AccessTokenClaims claims) {

	@Override
	public String toString() {
		return "IssuedAccessToken[jti=" + this.claims.jti() + "]";
	}

}
