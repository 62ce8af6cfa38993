package dev.portcullis.audit.web;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.portcullis.audit.SecurityEventPages;
import dev.portcullis.token.AccessTokenClaims;

/** The caller's own security events, newest first, a page at a time. */
@RestController
class SecurityEventsController {

	private final SecurityEventPages pages;

	SecurityEventsController(SecurityEventPages pages) {
		this.pages = pages;
	}

	@GetMapping("/v1/auth/security-events")
	Mono<Map<String, Object>> events(@AuthenticationPrincipal AccessTokenClaims claims,
			@RequestParam(required = false) String before, @RequestParam(required = false) Integer limit) {
		return this.pages.page(claims.userId(), null, before, limit);
	}

}
