package dev.portcullis.web;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;

import dev.portcullis.support.IntegrationTest;

import static dev.portcullis.support.Problems.expectProblem;

/** Contract edges of request parsing: body size without a length, malformed path ids. */
class RequestLimitsIntegrationTests extends IntegrationTest {

	@Test
	void aChunkedBodyOverSixtyFourKibWithoutContentLengthIsRefused() {
		byte[] chunk = new byte[8 * 1024];
		Arrays.fill(chunk, (byte) ' ');
		Flux<DataBuffer> body = Flux.range(0, 10).map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk));
		expectProblem(this.http.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body, DataBuffer.class)
			.exchange(), 413, "payload_too_large");
	}

	@Test
	void aMalformedSessionIdIsABadRequestProblem() {
		String token = auth().newSignedInUser().get("accessToken").asString();
		expectProblem(this.http.delete()
			.uri("/v1/auth/sessions/not-a-uuid")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange(), 400, "malformed_request");
	}

}
