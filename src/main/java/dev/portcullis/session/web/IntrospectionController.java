package dev.portcullis.session.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.client.ServiceClientDirectory;
import dev.portcullis.session.SessionProblems;
import dev.portcullis.session.SessionStatusCache;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenClaims;
import dev.portcullis.token.AccessTokenVerifier;
import dev.portcullis.token.InvalidTokenException;
import dev.portcullis.token.ServiceTokenClaims;
import dev.portcullis.token.ServiceTokenVerifier;

/**
 * Token introspection (RFC 7662) for backend services that prefer asking to verifying
 * JWTs themselves: an access token is active only if it verifies and its session is still
 * active, so a revoked session reads {@code active: false} at once, before the JWT's
 * {@code exp}. Callers authenticate with HTTP Basic service credentials. Any inactive
 * token, whatever the reason, answers only {@code {active: false}} (RFC 7662 section
 * 2.2), so the endpoint says nothing about why. A service-to-service token (client
 * credentials: no session) is active while it verifies and has not expired, and answers
 * its client, scope and audience, as long as that client is still configured.
 */
@RestController
class IntrospectionController {

	private static final Map<String, Object> INACTIVE = Map.of("active", false);

	private final IntrospectionClients clients;

	private final AccessTokenVerifier verifier;

	private final SessionStatusCache sessions;

	private final ServiceTokenVerifier serviceTokens;

	private final ServiceClientDirectory serviceClients;

	IntrospectionController(IntrospectionClients clients, AccessTokenVerifier verifier, SessionStatusCache sessions,
			ServiceTokenVerifier serviceTokens, ServiceClientDirectory serviceClients) {
		this.clients = clients;
		this.verifier = verifier;
		this.sessions = sessions;
		this.serviceTokens = serviceTokens;
		this.serviceClients = serviceClients;
	}

	@Operation(summary = "Token introspection (RFC 7662), form-encoded",
			security = @SecurityRequirement(name = "introspectionClient"))
	@ApiResponse(responseCode = "200", description = "{active, sub, sid, exp, iat, amr, roles} or {active: false}")
	@ApiResponse(responseCode = "401", description = "invalid_client (with WWW-Authenticate: Basic)")
	@PostMapping(path = "/v1/tokens/introspect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Mono<ResponseEntity<Map<String, Object>>> introspectForm(ServerWebExchange exchange) {
		return authenticate(exchange).then(exchange.getFormData())
			.flatMap((form) -> introspect(form.getFirst("token")));
	}

	@Operation(summary = "Token introspection (RFC 7662), JSON",
			security = @SecurityRequirement(name = "introspectionClient"))
	@ApiResponse(responseCode = "200", description = "{active, sub, sid, exp, iat, amr, roles} or {active: false}")
	@ApiResponse(responseCode = "401", description = "invalid_client (with WWW-Authenticate: Basic)")
	@PostMapping(path = "/v1/tokens/introspect", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Map<String, Object>>> introspectJson(@RequestBody Mono<IntrospectionRequest> request,
			ServerWebExchange exchange) {
		// Credentials first: an unauthenticated caller learns nothing, not even how its
		// body parsed.
		return authenticate(exchange).then(request).flatMap((body) -> introspect(body.token()));
	}

	private Mono<String> authenticate(ServerWebExchange exchange) {
		return this.clients.authenticate(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
	}

	private Mono<ResponseEntity<Map<String, Object>>> introspect(String token) {
		if (token == null || token.isBlank()) {
			return Mono.error(SessionProblems::introspectionWithoutToken);
		}
		return this.verifier.verify(token)
			.flatMap((claims) -> this.sessions.check(claims.sessionId()).thenReturn(active(claims)))
			.onErrorResume(InvalidTokenException.class, (ex) -> serviceToken(token))
			.onErrorResume(InvalidTokenException.class, (ex) -> Mono.just(INACTIVE))
			.onErrorResume(ProblemException.class, (ex) -> Mono.just(INACTIVE))
			.map((body) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
	}

	private static Map<String, Object> active(AccessTokenClaims claims) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("active", true);
		body.put("sub", claims.userId().toString());
		body.put("sid", claims.sessionId().toString());
		body.put("exp", claims.expiresAt().getEpochSecond());
		body.put("iat", claims.issuedAt().getEpochSecond());
		body.put("auth_time", claims.authTime().getEpochSecond());
		body.put("amr", claims.amr());
		body.put("roles", claims.roles());
		body.put("jti", claims.jti());
		body.put("token_type", "Bearer");
		return body;
	}

	/** A client removed from the configuration has no active tokens. */
	private Mono<Map<String, Object>> serviceToken(String token) {
		return this.serviceTokens.verify(token)
			.map((claims) -> this.serviceClients.isConfigured(claims.clientId()) ? active(claims) : INACTIVE);
	}

	private static Map<String, Object> active(ServiceTokenClaims claims) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("active", true);
		body.put("sub", claims.clientId());
		body.put("client_id", claims.clientId());
		if (!claims.scopes().isEmpty()) {
			body.put("scope", claims.scope());
		}
		body.put("aud", claims.audience());
		body.put("exp", claims.expiresAt().getEpochSecond());
		body.put("iat", claims.issuedAt().getEpochSecond());
		body.put("jti", claims.jti());
		body.put("token_type", "Bearer");
		return body;
	}

	record IntrospectionRequest(String token) {

		@Override
		public String toString() {
			return "IntrospectionRequest[<hidden>]";
		}

	}

}
