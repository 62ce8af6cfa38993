package dev.portcullis.session.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.session.SessionProblems;
import dev.portcullis.crypto.Tokens;

/**
 * Authenticates the services that may introspect tokens by HTTP Basic (RFC 7617) against
 * {@code portcullis.introspection.clients}. Secrets are compared in constant time, and an
 * unknown id is compared against a dummy secret, so neither the secret nor the existence
 * of an id can be learned from response times.
 */
@Component
class IntrospectionClients {

	private static final String PREFIX = "Basic ";

	private final Map<String, String> secrets = new HashMap<>();

	private final String dummy = Tokens.random();

	IntrospectionClients(IntrospectionProperties properties) {
		for (String pair : properties.clients()) {
			int colon = pair.indexOf(':');
			if (colon <= 0 || colon == pair.length() - 1) {
				throw new IllegalStateException(
						"portcullis.introspection.clients entries must be id:secret (an entry has no secret)");
			}
			this.secrets.put(pair.substring(0, colon).trim(), pair.substring(colon + 1));
		}
	}

	/**
	 * Answers the client id, or errors {@code 401 invalid_client} with a Basic challenge.
	 */
	Mono<String> authenticate(String authorization) {
		String id = clientId(authorization);
		return (id != null) ? Mono.just(id) : Mono.error(SessionProblems::invalidClient);
	}

	/** The id of the client these credentials prove, or {@code null}. */
	private String clientId(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(PREFIX.length()).trim()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0) {
			return null;
		}
		String id = decoded.substring(0, colon);
		String expected = this.secrets.get(id);
		boolean matches = Tokens.constantTimeEquals((expected != null) ? expected : this.dummy,
				decoded.substring(colon + 1));
		if (expected == null || !matches) {
			return null;
		}
		return id;
	}

}
