package dev.portcullis.audit.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.support.BearerErrors;
import dev.portcullis.audit.SecurityEventPages;
import dev.portcullis.token.AccessTokenClaims;

/** The caller's own security events, newest first, a page at a time. */
@RestController
class SecurityEventsController {

	private final SecurityEventPages pages;

	SecurityEventsController(SecurityEventPages pages) {
		this.pages = pages;
	}

	@Operation(summary = "The caller's security events, newest first (cursor pagination: limit, before)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{events: [event], nextCursor}")
	@ApiResponse(responseCode = "400", description = "validation_failed: limit outside 1-100 or an unknown cursor")
	@BearerErrors
	@GetMapping("/v1/auth/security-events")
	Mono<Map<String, Object>> events(@AuthenticationPrincipal AccessTokenClaims claims,
			@RequestParam(required = false) String before, @RequestParam(required = false) Integer limit) {
		return this.pages.page(claims.userId(), null, before, limit);
	}

}
