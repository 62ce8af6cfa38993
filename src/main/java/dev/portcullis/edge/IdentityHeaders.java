package dev.portcullis.edge;

import java.util.Locale;

import org.springframework.http.HttpHeaders;

import dev.portcullis.token.AccessTokenClaims;

/**
 * The {@code X-Portcullis-*} headers that tell a backend who is calling. Whoever sets
 * them first removes every header of that prefix the client sent, so a backend never sees
 * a value Portcullis did not vouch for.
 */
final class IdentityHeaders {

	static final String PREFIX = "x-portcullis-";

	static final String USER = "X-Portcullis-User";

	static final String SESSION = "X-Portcullis-Session";

	static final String ROLES = "X-Portcullis-Roles";

	static final String AMR = "X-Portcullis-Amr";

	private IdentityHeaders() {
	}

	static void strip(HttpHeaders headers) {
		headers.headerNames()
			.stream()
			.filter((name) -> name.toLowerCase(Locale.ROOT).startsWith(PREFIX))
			.toList()
			.forEach(headers::remove);
	}

	static void set(HttpHeaders headers, AccessTokenClaims claims) {
		headers.set(USER, claims.userId().toString());
		headers.set(SESSION, claims.sessionId().toString());
		headers.set(ROLES, String.join(",", claims.roles()));
		headers.set(AMR, String.join(",", claims.amr()));
	}

}
