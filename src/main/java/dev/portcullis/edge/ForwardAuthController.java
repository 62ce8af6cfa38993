package dev.portcullis.edge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.support.ProblemException;
import dev.portcullis.token.AccessTokenClaims;

/**
 * Forward auth for a proxy in front of the backends (nginx {@code auth_request}, Traefik
 * {@code ForwardAuth}, Envoy {@code ext_authz}): any method on {@code /v1/edge/verify} or
 * a path below it (so an Envoy that appends the original path still lands here). The
 * request body is never read. {@code 200} with the identity headers,
 * {@code 403 forbidden} when none of the {@code role} parameters is held, {@code 401}
 * otherwise. Nothing is logged per call; {@code portcullis.edge.verify} times each answer
 * by outcome.
 */
@RestController
class ForwardAuthController {

	static final String PATH = "/v1/edge/verify";

	private final EdgeAuthenticator authenticator;

	private final MeterRegistry meters;

	/** By outcome: a handful of problem codes and {@code allowed}. */
	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	ForwardAuthController(EdgeAuthenticator authenticator, MeterRegistry meters) {
		this.authenticator = authenticator;
		this.meters = meters;
	}

	@Operation(summary = "Forward auth for a proxy (any method, any path below)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200",
			description = "X-Portcullis-User, X-Portcullis-Session, X-Portcullis-Roles, X-Portcullis-Amr")
	@ApiResponse(responseCode = "401",
			description = "unauthenticated, invalid_token, session_revoked or session_expired (WWW-Authenticate: Bearer)")
	@ApiResponse(responseCode = "403", description = "forbidden: none of the role parameters held")
	@RequestMapping({ PATH, PATH + "/**" })
	Mono<ResponseEntity<Void>> verify(ServerHttpRequest request,
			@RequestParam(name = "role", required = false) List<String> roles) {
		long start = System.nanoTime();
		return this.authenticator.require(request)
			.flatMap((claims) -> allowed(claims, roles) ? Mono.just(claims) : Mono.error(EdgeProblems.forbidden()))
			.map(ForwardAuthController::identity)
			.doOnSuccess((ok) -> record(start, "allowed"))
			.doOnError(ProblemException.class, (problem) -> record(start, problem.code()));
	}

	private static boolean allowed(AccessTokenClaims claims, List<String> roles) {
		return roles == null || roles.isEmpty() || roles.stream().map(String::trim).anyMatch(claims::hasRole);
	}

	private static ResponseEntity<Void> identity(AccessTokenClaims claims) {
		HttpHeaders headers = new HttpHeaders();
		IdentityHeaders.set(headers, claims);
		headers.setCacheControl("no-store");
		return ResponseEntity.ok().headers(headers).build();
	}

	private void record(long start, String outcome) {
		this.timers.computeIfAbsent(outcome, (key) -> this.meters.timer("portcullis.edge.verify", "outcome", key))
			.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
	}

}
