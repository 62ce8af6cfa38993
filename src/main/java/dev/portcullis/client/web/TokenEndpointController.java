package dev.portcullis.client.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.client.ClientCredentialsGrant;
import dev.portcullis.client.OAuthError;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.support.ProblemException;
import dev.portcullis.token.IssuedServiceToken;

/**
 * The OAuth 2.0 token endpoint for service-to-service tokens ({@code client_credentials},
 * RFC 6749 section 4.4). Every attempt counts against the per-client rate limit before
 * the secret is checked, so a flood of guesses costs no hashing once refused. Success and
 * errors both answer {@code Cache-Control: no-store} and {@code Pragma: no-cache}
 * (section 5.1).
 */
@RestController
class TokenEndpointController {

	private final ClientCredentialsGrant grant;

	private final RateLimiter rateLimiter;

	TokenEndpointController(ClientCredentialsGrant grant, RateLimiter rateLimiter) {
		this.grant = grant;
		this.rateLimiter = rateLimiter;
	}

	@Operation(summary = "Client credentials token (RFC 6749 section 4.4)",
			description = "Form-encoded grant_type=client_credentials, optional scope and audience; the client "
					+ "authenticates by HTTP Basic (client_secret_basic) or client_id and client_secret in the body "
					+ "(client_secret_post).")
	@ApiResponse(responseCode = "200", description = "{access_token, token_type, expires_in, scope}")
	@ApiResponse(responseCode = "400",
			description = "{error, error_description}: invalid_request, unsupported_grant_type, invalid_scope, "
					+ "invalid_target")
	@ApiResponse(responseCode = "401", description = "invalid_client (with WWW-Authenticate: Basic)")
	@ApiResponse(responseCode = "429", description = "rate_limited (with Retry-After)")
	@ApiResponse(responseCode = "503",
			description = "temporarily_unavailable: the rate limiter is unreachable and fails closed")
	@PostMapping(path = "/oauth2/token", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Map<String, Object>>> token(ServerWebExchange exchange) {
		MediaType type = exchange.getRequest().getHeaders().getContentType();
		if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
			return Mono
				.just(error(OAuthError.invalidRequest("Send the request as application/x-www-form-urlencoded.")));
		}
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return exchange.getFormData()
			.flatMap((form) -> TokenRequest.parse(form, authorization))
			.flatMap((request) -> limit(exchange, request)
				.then(this.grant.issue(request.credentials(), request.scope(), request.audiences())))
			.map(TokenEndpointController::success)
			.onErrorResume(OAuthError.class, (ex) -> Mono.just(error(ex)));
	}

	private Mono<Void> limit(ServerWebExchange exchange, TokenRequest request) {
		return this.rateLimiter.check(RateLimiter.CLIENT_CREDENTIALS, exchange, request.credentials().clientId())
			.onErrorMap(ProblemException.class, OAuthError::fromRateLimiter);
	}

	private static ResponseEntity<Map<String, Object>> success(IssuedServiceToken token) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "Bearer");
		body.put("expires_in", token.expiresIn());
		if (!token.claims().scopes().isEmpty()) {
			body.put("scope", token.claims().scope());
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(body);
	}

	private static ResponseEntity<Map<String, Object>> error(OAuthError error) {
		return ResponseEntity.status(error.status())
			.headers(error.headers())
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.contentType(MediaType.APPLICATION_JSON)
			.body(error.body());
	}

}
