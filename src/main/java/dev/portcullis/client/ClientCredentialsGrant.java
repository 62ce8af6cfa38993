package dev.portcullis.client;

import java.util.LinkedHashSet;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.token.IssuedServiceToken;
import dev.portcullis.token.ServiceTokenIssuer;

/**
 * The client credentials grant (RFC 6749 section 4.4): authenticates the client, narrows
 * the scopes and audiences it asked for to those it is allowed, and issues a token. What
 * a client may ask for is checked only after it authenticated, so nobody learns another
 * client's scopes by probing. Every outcome is counted as
 * {@code portcullis.client-credentials.requests} with tags {@code client} (the id, or
 * {@code unknown} for an id that is not configured, so made-up ids add no series) and
 * {@code outcome} ({@code issued} or the error code).
 */
@Component
public class ClientCredentialsGrant {

	private final ServiceClients clients;

	private final ServiceTokenIssuer tokens;

	private final MeterRegistry meters;

	ClientCredentialsGrant(ServiceClients clients, ServiceTokenIssuer tokens, MeterRegistry meters) {
		this.clients = clients;
		this.tokens = tokens;
		this.meters = meters;
	}

	/**
	 * @param scope the {@code scope} parameter, or null for every scope of the client
	 * @param audiences the {@code audience} parameters; none means every audience of the
	 * client
	 */
	public Mono<IssuedServiceToken> issue(ClientCredentials credentials, @Nullable String scope,
			List<String> audiences) {
		return this.clients.authenticate(credentials)
			.flatMap((client) -> issue(client, scope, audiences))
			.doOnSuccess((token) -> count(credentials.clientId(), "issued"))
			.doOnError(OAuthError.class, (ex) -> count(credentials.clientId(), ex.error()));
	}

	private void count(String clientId, String outcome) {
		String client = this.clients.isConfigured(clientId) ? clientId : "unknown";
		this.meters.counter("portcullis.client-credentials.requests", "client", client, "outcome", outcome).increment();
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
