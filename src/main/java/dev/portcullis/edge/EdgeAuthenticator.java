package dev.portcullis.edge;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import dev.portcullis.session.SessionStatusCache;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenClaims;
import dev.portcullis.token.AccessTokenVerifier;
import dev.portcullis.token.InvalidTokenException;

/**
 * The bearer check of forward auth and of the routes: the same two steps as the gateway's
 * own bearer endpoints (signature and claims through the verifier's cache, then the
 * session's status through {@link SessionStatusCache}), so a revocation on any instance
 * is honoured here at once and a request costs no database round trip once the session's
 * status is cached.
 */
@Component
class EdgeAuthenticator {

	private static final String PREFIX = "Bearer ";

	private final AccessTokenVerifier verifier;

	private final SessionStatusCache sessions;

	EdgeAuthenticator(AccessTokenVerifier verifier, SessionStatusCache sessions) {
		this.verifier = verifier;
		this.sessions = sessions;
	}

	/**
	 * The verified claims; empty when the request has no {@code Authorization} header; an
	 * error ({@code invalid_token}, {@code session_revoked}, {@code session_expired})
	 * when it has one that does not hold.
	 */
	Mono<AccessTokenClaims> authenticate(ServerHttpRequest request) {
		String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			return Mono.empty();
		}
		if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || header.isBlank()
				|| header.length() == PREFIX.length()) {
			return Mono.error(EdgeProblems.notBearer());
		}
		String token = header.substring(PREFIX.length()).trim();
		return this.verifier.verify(token)
			.onErrorMap(InvalidTokenException.class, (ex) -> EdgeProblems.invalidToken())
			.flatMap((claims) -> this.sessions.check(claims.sessionId())
				.onErrorMap(ProblemException.class, EdgeProblems::session)
				.thenReturn(claims));
	}

	/** Like {@link #authenticate} but a missing header is {@code 401 unauthenticated}. */
	Mono<AccessTokenClaims> require(ServerHttpRequest request) {
		return authenticate(request).switchIfEmpty(Mono.error(EdgeProblems::unauthenticated));
	}

}
