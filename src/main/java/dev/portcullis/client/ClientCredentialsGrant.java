package dev.portcullis.client;

import java.util.LinkedHashSet;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.token.IssuedServiceToken;
import dev.portcullis.token.ServiceTokenIssuer;

/**
 * The client credentials grant (RFC 6749 section 4.4): authenticates the client, narrows
 * the scopes and audiences it asked for to those it is allowed, and issues a token. What
 * a client may ask for is checked only after it authenticated, so nobody learns another
 * client's scopes by probing.
 */
@Component
public class ClientCredentialsGrant {

	private final ServiceClients clients;

	private final ServiceTokenIssuer tokens;

	ClientCredentialsGrant(ServiceClients clients, ServiceTokenIssuer tokens) {
		this.clients = clients;
		this.tokens = tokens;
	}

	/**
	 * @param scope the {@code scope} parameter, or null for every scope of the client
	 * @param audiences the {@code audience} parameters; none means every audience of the
	 * client
	 */
	public Mono<IssuedServiceToken> issue(ClientCredentials credentials, @Nullable String scope,
			List<String> audiences) {
		return this.clients.authenticate(credentials).flatMap((client) -> issue(client, scope, audiences));
	}

	private Mono<IssuedServiceToken> issue(RegisteredClient client, @Nullable String scope, List<String> audiences) {
		List<String> scopes = (scope != null) ? List.copyOf(new LinkedHashSet<>(List.of(scope.split(" ", -1))))
				: client.scopes();
		if (scopes.stream().anyMatch((token) -> !ServiceClients.SCOPE_TOKEN.matcher(token).matches())
				|| !client.scopes().containsAll(scopes)) {
			return Mono.error(OAuthError::invalidScope);
		}
		List<String> audience = audiences.isEmpty() ? client.audiences() : List.copyOf(new LinkedHashSet<>(audiences));
		if (!client.audiences().containsAll(audience)) {
			return Mono.error(OAuthError::invalidTarget);
		}
		return this.tokens.issue(client.id(), scopes, audience, client.tokenTtl());
	}

}
