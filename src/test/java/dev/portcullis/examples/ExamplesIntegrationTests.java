package dev.portcullis.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.ServiceTokens;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backend examples of docs/resource-servers.md, built by the Maven build (profile
 * {@code examples}: {@code npm ci}, and the Spring MVC example's own {@code package}),
 * run as their own processes against this gateway: each accepts a service token for its
 * audience with its scopes, a user token with its roles, and refuses a token for another
 * audience. Both verify locally, so a revoked session's token still passes them until it
 * expires while introspection already answers inactive: the lag the guide describes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesIntegrationTests extends IntegrationTest {

	private static final String HINT = "build the examples first: ./mvnw -Pexamples process-test-classes";

	private ExampleProcess springMvc;

	private ExampleProcess node;

	/**
	 * The examples verify tokens against the wall clock, as real backends do: the
	 * gateway's standing test clock moves to the present for these tests (and back after
	 * each, as for every test).
	 */
	@BeforeEach
	void clockAtThePresent() {
		this.clock.advance(Duration.between(MutableClock.START, Instant.now()));
	}

	/** Per-class instance: the gateway is up (the context is loaded) before this runs. */
	@BeforeAll
	void startExamples() throws Exception {
		String issuer = TestInfrastructure.get().issuer();
		String audiences = "orders-api," + issuer;
		Path jar = ExampleProcess.required("examples/spring-mvc/target/orders-spring-mvc.jar", HINT);
		ExampleProcess.required("examples/node/node_modules/jose/package.json", HINT);
		int port = TestInfrastructure.freePort();
		this.springMvc = ExampleProcess.start("spring-mvc",
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
						"-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
						"--server.address=127.0.0.1", "--portcullis.issuer=" + issuer,
						"--portcullis.audiences=" + audiences),
				Map.of(), port);
		this.node = ExampleProcess.startReportingPort("node", List.of(node(), "examples/node/server.mjs"),
				Map.of("PORTCULLIS_ISSUER", issuer, "AUDIENCES", audiences, "PORT", "0"));
		ExampleProcess mvc = this.springMvc;
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			assertThat(mvc.isAlive()).as("the Spring MVC example exited; see target/examples/spring-mvc.log").isTrue();
			return answers(mvc);
		});
	}

	@AfterAll
	void stopExamples() throws InterruptedException {
		if (this.springMvc != null) {
			this.springMvc.close();
		}
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void springMvcExampleAcceptsAServiceTokenWithScopeAuthorities() {
		String token = serviceToken("orders-api");

		get(this.springMvc, "/orders", token).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.caller")
			.isEqualTo(TestInfrastructure.ORDERS_CLIENT);
		// FACTOR_BEARER: Spring Security 7 records how the request authenticated.
		get(this.springMvc, "/me", token).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.authorities")
			.isEqualTo(List.of("FACTOR_BEARER", "SCOPE_orders:read", "SCOPE_orders:write"));
		get(this.springMvc, "/admin/report", token).expectStatus().isForbidden();
	}

	@Test
	void springMvcExampleRefusesATokenForAnotherAudienceAndNoToken() {
		get(this.springMvc, "/orders", serviceToken("billing-api")).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (value) -> assertThat(value).contains("invalid_token"));
		this.springMvc.http().get().uri("/orders").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void springMvcExampleMapsUserRolesAndAcceptsARevokedSessionsTokenUntilItExpires() {
		JsonNode user = auth().newSignedInUser();
		String token = user.get("accessToken").asString();
		get(this.springMvc, "/me", token).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sub")
			.isEqualTo(user.get("user").get("id").asString())
			.jsonPath("$.authorities")
			.isEqualTo(List.of("FACTOR_BEARER", "ROLE_user"));
		get(this.springMvc, "/admin/report", token).expectStatus().isForbidden();

		this.http.post()
			.uri("/v1/auth/sign-out")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isNoContent();

		introspect(token).expectBody().jsonPath("$.active").isEqualTo(false);
		get(this.springMvc, "/orders", token).expectStatus().isOk();
	}

	@Test
	void nodeExampleAcceptsServiceAndUserTokensForItsAudiences() {
		get(this.node, "/me", serviceToken("orders-api")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sub")
			.isEqualTo(TestInfrastructure.ORDERS_CLIENT)
			.jsonPath("$.authorities")
			.isEqualTo(List.of("SCOPE_orders:read", "SCOPE_orders:write"));
		get(this.node, "/orders", serviceToken("orders-api")).expectStatus().isOk();
		JsonNode user = auth().newSignedInUser();
		get(this.node, "/me", user.get("accessToken").asString()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.authorities")
			.isEqualTo(List.of("ROLE_user"));
	}

	@Test
	void nodeExampleRefusesATokenForAnotherAudienceAWrongScopeAndAForgery() {
		get(this.node, "/orders", serviceToken("billing-api")).expectStatus().isUnauthorized();
		String reports = ServiceTokens
			.obtain(this.http, TestInfrastructure.REPORTS_CLIENT, TestInfrastructure.REPORTS_SECRET, "audience",
					TestInfrastructure.get().issuer())
			.get("access_token")
			.asString();
		get(this.node, "/orders", reports).expectStatus().isForbidden();
		String genuine = serviceToken("orders-api");
		String tampered = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA";
		get(this.node, "/orders", tampered).expectStatus().isUnauthorized();
	}

	private String serviceToken(String audience) {
		return ServiceTokens
			.obtain(this.http, TestInfrastructure.ORDERS_CLIENT, TestInfrastructure.ORDERS_SECRET, "audience", audience)
			.get("access_token")
			.asString();
	}

	private WebTestClient.ResponseSpec introspect(String token) {
		return this.http.post()
			.uri("/v1/tokens/introspect")
			.header(HttpHeaders.AUTHORIZATION,
					ServiceTokens.basic(TestInfrastructure.INTROSPECTION_CLIENT,
							TestInfrastructure.INTROSPECTION_SECRET))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("token", token))
			.exchange();
	}

	private static WebTestClient.ResponseSpec get(ExampleProcess example, String path, String token) {
		return example.http().get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	private static boolean answers(ExampleProcess example) {
		try {
			example.http().get().uri("/orders").exchange().expectStatus().isUnauthorized();
			return true;
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static String node() {
		return Path.of("/usr/bin/node").toFile().canExecute() ? "/usr/bin/node" : "node";
	}

}
