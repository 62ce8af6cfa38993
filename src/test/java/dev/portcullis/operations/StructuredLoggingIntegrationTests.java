package dev.portcullis.operations;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside the local profile the console speaks ECS JSON; a security event is a record
 * whose fields are the event, with the request's trace and span ids.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingIntegrationTests extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aSecurityEventIsOneJsonRecordWithTheEventAsFieldsAndTheTraceIds(CapturedOutput output) {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String traceId = hex(16);

		JsonNode tokens = this.http.post()
			.uri("/v1/auth/sign-in")
			.header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", AuthClient.PASSWORD, "tokenDelivery", "body"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		JsonNode line = output.getOut()
			.lines()
			.filter((text) -> text.startsWith("{") && text.contains("\"session.created\"") && text.contains(traceId))
			.map(this.json::readTree)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session.created record in:\n" + output.getOut()));
		assertThat(line.get("log").get("logger").asString()).isEqualTo("portcullis.audit");
		assertThat(line.get("message").asString()).isEqualTo("Security event session.created");
		assertThat(line.get("securityEvent").asString()).isEqualTo("session.created");
		assertThat(line.get("userId").asString()).isEqualTo(tokens.get("user").get("id").asString());
		assertThat(line.get("sessionId").asString()).isEqualTo(tokens.get("session").get("id").asString());
		assertThat(line.get("eventId").asString()).hasSize(36);
		assertThat(line.get("clientIp").asString()).isEqualTo("127.0.0.1");
		assertThat(line.get("traceId").asString()).isEqualTo(traceId);
		assertThat(line.get("spanId").asString()).matches("[0-9a-f]{16}");
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
