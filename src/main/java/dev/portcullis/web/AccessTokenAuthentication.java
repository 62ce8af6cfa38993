package dev.portcullis.web;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.portcullis.token.AccessTokenClaims;

/** A request authenticated by a verified access token of an active session. */
class AccessTokenAuthentication extends AbstractAuthenticationToken {

	private final AccessTokenClaims claims;

	AccessTokenAuthentication(AccessTokenClaims claims) {
		super(claims.roles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
		this.claims = claims;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public AccessTokenClaims getPrincipal() {
		return this.claims;
	}

}
