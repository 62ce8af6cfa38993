package dev.portcullis.client.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.MultiValueMap;

import dev.portcullis.client.ClientCredentials;
import dev.portcullis.client.OAuthError;

/**
 * A parsed token request: the grant type, the client's credentials by
 * {@code client_secret_basic} (RFC 6749 section 2.3.1: id and secret form-encoded, then
 * HTTP Basic) or {@code client_secret_post}, and the optional {@code scope} and
 * {@code audience} (repeatable).
 */
record TokenRequest(ClientCredentials credentials, @Nullable String scope, List<String> audiences) {

	private static final String BASIC = "Basic ";

	private static final List<String> SINGLE = List.of("grant_type", "scope", "client_id", "client_secret");

	@Override
	public String toString() {
		return "TokenRequest[" + this.credentials + ", scope=" + this.scope + ", audiences=" + this.audiences + "]";
	}

	static Mono<TokenRequest> parse(MultiValueMap<String, String> form, @Nullable String authorization) {
		// Section 3.2: request parameters must not be included more than once.
		for (String name : SINGLE) {
			List<String> values = form.get(name);
			if (values != null && values.size() > 1) {
				return Mono.error(() -> OAuthError.invalidRequest("The parameter " + name + " is repeated."));
			}
		}
		String grantType = form.getFirst("grant_type");
		if (grantType == null || grantType.isBlank()) {
			return Mono.error(() -> OAuthError.invalidRequest("The parameter grant_type is missing."));
		}
		if (!"client_credentials".equals(grantType)) {
			return Mono.error(OAuthError::unsupportedGrantType);
		}
		return credentials(form, authorization).map((credentials) -> new TokenRequest(credentials, scope(form),
				form.getOrDefault("audience", List.of()).stream().filter((value) -> !value.isBlank()).toList()));
	}

	private static @Nullable String scope(MultiValueMap<String, String> form) {
		String scope = form.getFirst("scope");
		return (scope == null || scope.isEmpty()) ? null : scope;
	}

	private static Mono<ClientCredentials> credentials(MultiValueMap<String, String> form,
			@Nullable String authorization) {
		String postedId = form.getFirst("client_id");
		String postedSecret = form.getFirst("client_secret");
		if (authorization == null) {
			if (postedId == null || postedId.isEmpty() || postedSecret == null || postedSecret.isEmpty()) {
				return Mono.error(OAuthError::invalidClient);
			}
			return Mono.just(new ClientCredentials(postedId, postedSecret));
		}
		if (postedSecret != null) {
			// Section 2.3: a client uses one authentication method per request.
			return Mono.error(() -> OAuthError
				.invalidRequest("Authenticate with HTTP Basic or with client_secret in the body, not both."));
		}
		ClientCredentials basic = basic(authorization);
		if (basic == null) {
			return Mono.error(OAuthError::invalidClient);
		}
		if (postedId != null && !postedId.equals(basic.clientId())) {
			return Mono.error(() -> OAuthError.invalidRequest("client_id does not match the HTTP Basic credentials."));
		}
		return Mono.just(basic);
	}

	private static @Nullable ClientCredentials basic(String authorization) {
		if (!authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon <= 0 || colon == decoded.length() - 1) {
				return null;
			}
			return new ClientCredentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
