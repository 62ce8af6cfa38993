package dev.portcullis.token;

/** A signed service-to-service access token and its lifetime in seconds. */
public record IssuedServiceToken(String value, long expiresIn, ServiceTokenClaims claims) {

	@Override
	public String toString() {
		return "IssuedServiceToken[jti=" + this.claims.jti() + "]";
	}

}
