package dev.portcullis.session.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.portcullis.support.Problems;
import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;

class CrossInstanceRevocationIntegrationTests extends IntegrationTest {

	@Test
	void signOutOnOneInstanceIsEnforcedByTheOtherOnTheNextRequest() {
		SecondInstance other = SecondInstance.shared();
		AuthClient there = new AuthClient(other.http());
		JsonNode tokens = auth().newSignedInUser();
		String access = tokens.get("accessToken").asString();
		// The other instance has now cached this session as active.
		there.get("/v1/auth/session", access).expectStatus().isOk();

		auth().post("/v1/auth/sign-out", access, Map.of()).expectStatus().isNoContent();

		Problems.expectProblem(there.get("/v1/auth/session", access), 401, "session_revoked");
	}

}
