package dev.portcullis.web;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.session.SessionStatusCache;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenVerifier;
import dev.portcullis.token.InvalidTokenException;

/**
 * Authenticates {@code Authorization: Bearer} requests (RFC 6750): the token must verify
 * and its session must still be active, checked on every request so that a revoked
 * session's tokens stop working before they expire. No header means anonymous (the entry
 * point answers {@code unauthenticated} where it matters); any other scheme, or a bad
 * token, answers {@code invalid_token}.
 */
@Component
class BearerTokenAuthenticator implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

	private static final String PREFIX = "Bearer ";

	private final AccessTokenVerifier verifier;

	private final SessionStatusCache sessions;

	BearerTokenAuthenticator(AccessTokenVerifier verifier, SessionStatusCache sessions) {
		this.verifier = verifier;
		this.sessions = sessions;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			return Mono.empty();
		}
		if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || header.length() == PREFIX.length()) {
			return Mono
				.error(new BearerTokenFailure(WebProblems.invalidToken("Send the access token as a Bearer token.")));
		}
		String token = header.substring(PREFIX.length()).trim();
		return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated(token, token));
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String token = (String) authentication.getCredentials();
		return this.verifier.verify(token)
			.onErrorMap(InvalidTokenException.class,
					(ex) -> new BearerTokenFailure(WebProblems.invalidToken("The access token is not valid.")))
			.flatMap((claims) -> this.sessions.check(claims.sessionId())
				.onErrorMap(ProblemException.class, BearerTokenFailure::new)
				.thenReturn(new AccessTokenAuthentication(claims)));
	}

}
