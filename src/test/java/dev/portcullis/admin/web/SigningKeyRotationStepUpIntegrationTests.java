package dev.portcullis.admin.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.Problems;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An emergency signing-key rotation is a sensitive admin action: an admin whose
 * authentication is older than the step-up max-age is refused before anything changes.
 * (The rotation itself runs on a database of its own:
 * {@code EmergencySigningKeyRotationIntegrationTests}.)
 */
class SigningKeyRotationStepUpIntegrationTests extends IntegrationTest {

	@Test
	void anAdminWhoseAuthenticationIsStaleMustStepUpAndNothingRotates() throws Exception {
		String email = AuthClient.uniqueEmail();
		JsonNode user = auth().signUp(email);
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement update = db
					.prepareStatement("update users set roles = '{user,admin}' where id = ?")) {
			update.setObject(1, UUID.fromString(user.get("user").get("id").asString()));
			update.executeUpdate();
		}
		String admin = auth().signIn(email).get("accessToken").asString();
		String jwksBefore = jwks();

		this.clock.advance(Duration.ofMinutes(11));

		Problems.expectProblem(auth().post("/v1/admin/signing-keys/rotate", admin, Map.of()), 403, "step_up_required");
		assertThat(jwks()).isEqualTo(jwksBefore);
	}

	private String jwks() {
		return this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
