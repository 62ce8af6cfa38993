package dev.portcullis.admin.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.portcullis.admin.SigningKeyActions;
import dev.portcullis.support.BearerErrors;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;

/** HTTP for {@link SigningKeyActions}. */
@RestController
class SigningKeyAdminController {

	private final SigningKeyActions actions;

	SigningKeyAdminController(SigningKeyActions actions) {
		this.actions = actions;
	}

	@Operation(summary = "Emergency signing-key rotation: a new key signs at once; optionally retire a compromised kid "
			+ "(fresh authentication required)", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{kid, retiredKid}")
	@ApiResponse(responseCode = "400", description = "validation_failed")
	@BearerErrors
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin; step_up_required: authenticate again")
	@ApiResponse(responseCode = "404", description = "signing_key_not_found: retireKid names no published key")
	@PostMapping("/v1/admin/signing-keys/rotate")
	Mono<RotatedSigningKey> rotate(@AuthenticationPrincipal AccessTokenClaims claims,
			@Valid @RequestBody(required = false) RotateRequest request, ServerWebExchange exchange) {
		return this.actions.rotate(claims, (request != null) ? request.retireKid() : null, ClientInfo.of(exchange))
			.map((rotated) -> new RotatedSigningKey(rotated.kid(), rotated.retiredKid()));
	}

	/**
	 * @param retireKid the {@code kid} of a compromised key to retire at once; optional
	 */
	record RotateRequest(@Size(min = 1, max = 200) String retireKid) {

	}

	/**
	 * @param retiredKid null when no key was retired
	 */
	record RotatedSigningKey(String kid, String retiredKid) {

	}

}
