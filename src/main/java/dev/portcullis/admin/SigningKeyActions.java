package dev.portcullis.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.audit.EventContext;
import dev.portcullis.audit.SecurityEvents;
import dev.portcullis.mfa.StepUpPolicy;
import dev.portcullis.support.ClientInfo;
import dev.portcullis.token.AccessTokenClaims;
import dev.portcullis.token.SigningKeyRotation;

/**
 * What an admin can do to the signing keys: an emergency rotation (docs/runbooks.md,
 * "Signing-key rotation"), with a fresh authentication ({@link StepUpPolicy}) like every
 * admin state change, checked before anything changes. Recorded as
 * {@code signing_key.rotated} under the admin's id, with {@code details.actorId}, the new
 * {@code kid} and the retired one.
 */
@Component
public class SigningKeyActions {

	private final SigningKeyRotation rotation;

	private final StepUpPolicy stepUp;

	private final SecurityEvents events;

	SigningKeyActions(SigningKeyRotation rotation, StepUpPolicy stepUp, SecurityEvents events) {
		this.rotation = rotation;
		this.stepUp = stepUp;
		this.events = events;
	}

	/**
	 * A new key signs at once; {@code retireKid} (or null) is retired. Errors
	 * {@code 403 step_up_required} or {@code 404 signing_key_not_found}.
	 */
	public Mono<SigningKeyRotation.Result> rotate(AccessTokenClaims admin, String retireKid, ClientInfo client) {
		return this.stepUp.requireFresh(admin)
			.then(this.rotation.rotateNow(retireKid))
			.flatMap(
					(rotated) -> this.events
						.record("signing_key.rotated",
								EventContext.of(admin.userId(), admin.sessionId(), client)
									.withDetails(details(admin, rotated)))
						.thenReturn(rotated));
	}

	private static Map<String, Object> details(AccessTokenClaims admin, SigningKeyRotation.Result rotated) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("actorId", admin.userId().toString());
		details.put("kid", rotated.kid());
		if (rotated.retiredKid() != null) {
			details.put("retiredKid", rotated.retiredKid());
		}
		return details;
	}

}
