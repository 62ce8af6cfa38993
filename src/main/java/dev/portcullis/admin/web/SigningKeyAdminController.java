package dev.portcullis.admin.web;

import java.util.LinkedHashMap;
import java.util.Map;

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

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.session.StepUpPolicy;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;
import dev.portcullis.token.SigningKeyRotation;

/**
 * Emergency signing-key rotation (docs/runbooks.md, "Signing-key rotation"): admin only,
 * with a fresh authentication ({@link StepUpPolicy}) like every admin state change. The
 * event {@code signing_key.rotated} is recorded under the admin's id, with the new
 * {@code kid} and the retired one in its details.
 */
@RestController
class SigningKeyAdminController {

	private final SigningKeyRotation rotation;

	private final StepUpPolicy stepUp;

	private final SecurityEvents events;

	SigningKeyAdminController(SigningKeyRotation rotation, StepUpPolicy stepUp, SecurityEvents events) {
		this.rotation = rotation;
		this.stepUp = stepUp;
		this.events = events;
	}

	@Operation(summary = "Emergency signing-key rotation: a new key signs at once; optionally retire a compromised kid "
			+ "(fresh authentication required)", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "200", description = "{kid, retiredKid}")
	@ApiResponse(responseCode = "400", description = "validation_failed")
	@ApiResponse(responseCode = "401", description = "unauthenticated or invalid_token")
	@ApiResponse(responseCode = "403", description = "forbidden: not an admin; step_up_required: authenticate again")
	@ApiResponse(responseCode = "404", description = "signing_key_not_found: retireKid names no published key")
	@PostMapping("/v1/admin/signing-keys/rotate")
	Mono<RotatedSigningKey> rotate(@AuthenticationPrincipal AccessTokenClaims claims,
			@Valid @RequestBody(required = false) RotateRequest request, ServerWebExchange exchange) {
		String retireKid = (request != null) ? request.retireKid() : null;
		return this.stepUp.requireFresh(claims)
			.then(this.rotation.rotateNow(retireKid))
			.flatMap((rotated) -> this.events
				.record("signing_key.rotated",
						EventContext.of(claims.userId(), claims.sessionId(), ClientInfo.of(exchange))
							.withDetails(details(claims, rotated)))
				.thenReturn(new RotatedSigningKey(rotated.kid(), rotated.retiredKid())));
	}

	private static Map<String, Object> details(AccessTokenClaims claims, SigningKeyRotation.Result rotated) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("actorId", claims.userId().toString());
		details.put("kid", rotated.kid());
		if (rotated.retiredKid() != null) {
			details.put("retiredKid", rotated.retiredKid());
		}
		return details;
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
