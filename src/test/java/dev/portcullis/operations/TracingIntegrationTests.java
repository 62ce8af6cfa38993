package dev.portcullis.operations;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One refresh, traced: the caller's {@code traceparent} is continued and the server span
 * and the PostgreSQL queries (and, on a rate-limited route, the Redis commands) it made
 * all land in that trace.
 */
class TracingIntegrationTests extends IntegrationTest {

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private ApplicationContext context;

	@Test
	void aRefreshIsOneTraceWithTheHttpServerSpanAndItsPostgresQueries() {
		JsonNode user = auth().newSignedInUser();
		String traceId = randomHex(16);

		this.http.post()
			.uri("/v1/auth/refresh")
			.header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", user.get("refreshToken").asString()))
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(names(trace(traceId))).contains("SERVER http post /v1/auth/refresh")
				.anyMatch((name) -> name.startsWith("CLIENT query")));
		List<SpanData> trace = trace(traceId);
		String server = trace.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER)
			.findFirst()
			.orElseThrow()
			.getSpanId();
		assertThat(trace).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.allSatisfy((span) -> assertThat(span.getParentSpanId()).isNotEqualTo("0000000000000000"));
		assertThat(trace).filteredOn((span) -> span.getKind() == SpanKind.SERVER)
			.singleElement()
			.satisfies((span) -> assertThat(span.getSpanId()).isEqualTo(server));
	}

	@Test
	void aSignInTraceShowsTheRateLimitersRedisCommands() {
		String email = AuthClient.uniqueEmail();
		auth().signUp(email);
		String traceId = randomHex(16);

		this.http.post()
			.uri("/v1/auth/sign-in")
			.header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", AuthClient.PASSWORD, "tokenDelivery", "body"))
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(names(trace(traceId))).contains("SERVER http post /v1/auth/sign-in")
				.anyMatch((name) -> name.startsWith("CLIENT query"))
				.anyMatch((name) -> name.toLowerCase(java.util.Locale.ROOT).startsWith("client eval")));
	}

	@Test
	void noOtlpExporterRunsUnlessAnEndpointIsConfigured() {
		assertThat(this.context.getBeanNamesForType(OtlpHttpSpanExporter.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(OtlpGrpcSpanExporter.class)).isEmpty();
	}

	private List<SpanData> trace(String traceId) {
		return this.spans.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
	}

	private static List<String> names(List<SpanData> spans) {
		return spans.stream().map((span) -> span.getKind() + " " + span.getName()).toList();
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
