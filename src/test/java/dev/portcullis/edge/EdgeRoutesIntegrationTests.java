package dev.portcullis.edge;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Date;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestInfrastructure;

import static dev.portcullis.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes through the gateway to plain HTTP backends on loopback. The routes run on a
 * second instance configured with them; users sign in and sessions are revoked on the
 * first one, which has no routes.
 */
class EdgeRoutesIntegrationTests extends IntegrationTest {

	private static TestBackend backend;

	private static SecondInstance edge;

	private WebTestClient viaEdge;

	@BeforeAll
	static void startEdge() throws Exception {
		backend = TestBackend.start();
		int deadPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		Map<String, String> routes = new HashMap<>();
		route(routes, "orders", "/api/orders/**", backend.url(), "strip-prefix", "1");
		route(routes, "catalog", "/catalog/**", backend.url(), "auth", "optional");
		route(routes, "status", "/status-page/**", backend.url(), "auth", "none");
		route(routes, "reports", "/reports/**", backend.url(), "roles", "admin");
		route(routes, "billing", "/billing/**", backend.url(), "token", "exchange", "audience", "billing-service");
		route(routes, "limited", "/limited/**", backend.url(), "auth", "optional", "rate-limit", "3/1m");
		route(routes, "slow", "/sluggish/**", backend.url(), "response-timeout", "1s");
		route(routes, "dead", "/dead/**", "http://127.0.0.1:" + deadPort, "connect-timeout", "1s");
		// CORS for routes: Spring Cloud Gateway's own configuration, as docs/edge.md
		// shows
		String cors = "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/api/**].";
		routes.put(cors + "allowed-origins", "https://shop.example");
		routes.put(cors + "allowed-methods", "GET,POST");
		routes.put(cors + "allowed-headers", "authorization,content-type");
		edge = SecondInstance.start(routes);
	}

	private static void route(Map<String, String> properties, String name, String path, String uri,
			String... settings) {
		String prefix = "portcullis.edge.routes." + name + ".";
		properties.put(prefix + "path", path);
		properties.put(prefix + "uri", uri);
		for (int i = 0; i < settings.length; i += 2) {
			properties.put(prefix + settings[i], settings[i + 1]);
		}
	}

	@AfterAll
	static void stopEdge() {
		if (edge != null) {
			edge.close();
		}
		if (backend != null) {
			backend.close();
		}
	}

	@BeforeEach
	void client() {
		backend.clear();
		this.viaEdge = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + edge.port())
			.responseTimeout(java.time.Duration.ofSeconds(30))
			.build();
	}

	@Test
	void requiredRouteWithoutTokenIsRefusedBeforeTheBackend() {
		expectProblem(this.viaEdge.get()
			.uri("/api/orders/7")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"), 401, "unauthenticated");
		expectProblem(this.viaEdge.get()
			.uri("/api/orders/7")
			.headers((headers) -> headers.setBearerAuth("forged"))
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""), 401, "invalid_token");
		assertThat(backend.pending()).isZero();
	}

	@Test
	void requiredRouteRelaysTheTokenWithVerifiedIdentityAndNothingElse() {
		JsonNode user = auth().newSignedInUser();
		this.viaEdge.post()
			.uri("/api/orders/7?expand=lines")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.header("X-Portcullis-User", "00000000-0000-0000-0000-000000000000")
			.header("x-portcullis-roles", "admin")
			.header("X-Portcullis-Tenant", "other")
			.header(HttpHeaders.COOKIE, "portcullis_refresh=secret-refresh; theme=dark; XSRF-TOKEN=csrf")
			.header("X-XSRF-TOKEN", "csrf")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"quantity\":2}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Backend", "yes")
			.expectBody(String.class)
			.isEqualTo("backend");
		TestBackend.Received received = backend.take();
		assertThat(received.method()).isEqualTo("POST");
		assertThat(received.path()).isEqualTo("/orders/7");
		assertThat(received.query()).isEqualTo("expand=lines");
		assertThat(received.body()).isEqualTo("{\"quantity\":2}");
		assertThat(received.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token(user));
		assertThat(received.headers().get("x-portcullis-user")).containsExactly(user.at("/user/id").asString());
		assertThat(received.headers().get("x-portcullis-session")).containsExactly(user.at("/session/id").asString());
		assertThat(received.headers().get("x-portcullis-roles")).containsExactly("user");
		assertThat(received.headers().get("x-portcullis-amr")).containsExactly("pwd");
		assertThat(received.headers()).doesNotContainKeys("x-portcullis-tenant", "x-xsrf-token");
		assertThat(received.header(HttpHeaders.COOKIE)).isEqualTo("theme=dark");
	}

	@Test
	void optionalRouteLetsAnonymousCallersThroughWithoutIdentity() {
		this.viaEdge.get()
			.uri("/catalog/items")
			.header("X-Portcullis-User", "00000000-0000-0000-0000-000000000000")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.take().headers().keySet()).noneMatch((name) -> name.startsWith("x-portcullis-"));
		JsonNode user = auth().newSignedInUser();
		this.viaEdge.get()
			.uri("/catalog/items")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.take().header(IdentityHeaders.USER)).isEqualTo(user.at("/user/id").asString());
		expectProblem(this.viaEdge.get()
			.uri("/catalog/items")
			.headers((headers) -> headers.setBearerAuth("forged"))
			.exchange(), 401, "invalid_token");
		assertThat(backend.pending()).isZero();
	}

	@Test
	void noneRouteChecksNothingAndStillStripsIdentityHeaders() {
		this.viaEdge.get()
			.uri("/status-page")
			.header(HttpHeaders.AUTHORIZATION, "Bearer the-backends-own-token")
			.header("X-Portcullis-Roles", "admin")
			.exchange()
			.expectStatus()
			.isOk();
		TestBackend.Received received = backend.take();
		assertThat(received.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer the-backends-own-token");
		assertThat(received.headers().keySet()).noneMatch((name) -> name.startsWith("x-portcullis-"));
	}

	@Test
	void roleRouteRefusesUsersWithoutTheRole() {
		expectProblem(this.viaEdge.get()
			.uri("/reports/q3")
			.headers((headers) -> headers.setBearerAuth(token(auth().newSignedInUser())))
			.exchange(), 403, "forbidden");
		assertThat(backend.pending()).isZero();
		this.viaEdge.get()
			.uri("/reports/q3")
			.headers((headers) -> headers.setBearerAuth(token(EdgeUsers.signedInAdmin(auth()))))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.take().header(IdentityHeaders.ROLES)).isEqualTo("user,admin");
	}

	@Test
	void rateLimitCountsPerUserThenRefusesWithHeaders() {
		String first = token(auth().newSignedInUser());
		for (int remaining = 2; remaining >= 0; remaining--) {
			this.viaEdge.get()
				.uri("/limited/x")
				.headers((headers) -> headers.setBearerAuth(first))
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("RateLimit-Limit", "3")
				.expectHeader()
				.valueEquals("RateLimit-Remaining", String.valueOf(remaining));
		}
		expectProblem(this.viaEdge.get()
			.uri("/limited/x")
			.headers((headers) -> headers.setBearerAuth(first))
			.exchange()
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectHeader()
			.valueEquals("RateLimit-Remaining", "0"), 429, "rate_limited");
		assertThat(backend.pending()).isEqualTo(3);
		backend.clear();
		String second = token(auth().newSignedInUser());
		this.viaEdge.get()
			.uri("/limited/x")
			.headers((headers) -> headers.setBearerAuth(second))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("RateLimit-Remaining", "2");
	}

	@Test
	void rateLimitCountsAnonymousCallersPerAddress() {
		for (int remaining = 2; remaining >= 0; remaining--) {
			this.viaEdge.get()
				.uri("/limited/y")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("RateLimit-Remaining", String.valueOf(remaining));
		}
		expectProblem(this.viaEdge.get().uri("/limited/y").exchange(), 429, "rate_limited");
	}

	@Test
	void exchangeRouteSendsATokenForTheRoutesAudienceOnly() throws Exception {
		JsonNode user = auth().newSignedInUser();
		for (int i = 0; i < 2; i++) {
			this.viaEdge.get()
				.uri("/billing/invoices")
				.headers((headers) -> headers.setBearerAuth(token(user)))
				.exchange()
				.expectStatus()
				.isOk();
		}
		String exchanged = bearer(backend.take());
		assertThat(bearer(backend.take())).as("cached per session and route").isEqualTo(exchanged);
		assertThat(exchanged).isNotEqualTo(token(user));
		JWTClaimsSet claims = verifyAsBillingService(exchanged);
		assertThat(claims.getAudience()).containsExactly("billing-service");
		assertThat(claims.getSubject()).isEqualTo(user.at("/user/id").asString());
		assertThat(claims.getStringClaim("sid")).isEqualTo(user.at("/session/id").asString());
		assertThat(claims.getStringListClaim("roles")).containsExactly("user");
		assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
		// meant for billing only: Portcullis itself does not take it
		expectProblem(auth().get("/v1/auth/session", exchanged), 401, "invalid_token");
	}

	@Test
	void sessionRevokedOnAnotherInstanceIsRefusedOnTheNextRequest() {
		JsonNode user = auth().newSignedInUser();
		this.viaEdge.get()
			.uri("/api/orders/1")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange()
			.expectStatus()
			.isOk();
		backend.take();
		auth().delete("/v1/auth/sessions/" + user.at("/session/id").asString(), token(user)).expectStatus().isOk();
		expectProblem(this.viaEdge.get()
			.uri("/api/orders/1")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange(), 401, "session_revoked");
		assertThat(backend.pending()).isZero();
	}

	@Test
	void backendAnswersPassThroughUntouched() {
		JsonNode user = auth().newSignedInUser();
		this.viaEdge.get()
			.uri("/api/orders/status/503")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.valueEquals("X-Backend", "yes")
			.expectHeader()
			.doesNotExist("X-Frame-Options")
			.expectHeader()
			.doesNotExist(HttpHeaders.CACHE_CONTROL)
			.expectBody(String.class)
			.isEqualTo("{\"from\":\"backend\",\"status\":503}");
		this.viaEdge.get()
			.uri("/api/orders/status/404")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.isEqualTo("{\"from\":\"backend\",\"status\":404}");
	}

	@Test
	void corsPreflightIsAnsweredByTheGatewaysCorsConfiguration() {
		this.viaEdge.options()
			.uri("/api/orders/7")
			.header(HttpHeaders.ORIGIN, "https://shop.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://shop.example");
		this.viaEdge.options()
			.uri("/api/orders/7")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		assertThat(backend.pending()).isZero();
	}

	@Test
	void slowBackendIsAGatewayTimeout() {
		expectProblem(this.viaEdge.get()
			.uri("/sluggish/slow")
			.headers((headers) -> headers.setBearerAuth(token(auth().newSignedInUser())))
			.exchange(), 504, "upstream_timeout");
	}

	@Test
	void onlyIdempotentMethodsAreRetriedWhenNoAnswerCame() {
		String token = token(auth().newSignedInUser());
		this.viaEdge.get()
			.uri("/api/orders/flaky")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.take().method()).isEqualTo("GET");
		assertThat(backend.take().method()).as("retried").isEqualTo("GET");
		expectProblem(this.viaEdge.post()
			.uri("/api/orders/flaky")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange(), 502, "upstream_unavailable");
		assertThat(backend.take().method()).isEqualTo("POST");
		assertThat(backend.pending()).as("never retried").isZero();
	}

	@Test
	void deadBackendIsABadGateway() {
		expectProblem(this.viaEdge.get()
			.uri("/dead/anything")
			.headers((headers) -> headers.setBearerAuth(token(auth().newSignedInUser())))
			.exchange(), 502, "upstream_unavailable");
	}

	@Test
	void unknownPathsStayNotFoundAndPortcullisOwnEndpointsStillAnswer() {
		expectProblem(this.viaEdge.get().uri("/nowhere").exchange(), 404, "not_found");
		expectProblem(this.viaEdge.get().uri("/v1/nowhere").exchange(), 404, "not_found");
		JsonNode user = auth().newSignedInUser();
		this.viaEdge.get()
			.uri("/v1/auth/session")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange()
			.expectStatus()
			.isOk();
		this.viaEdge.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
	}

	private static String token(JsonNode signedIn) {
		return signedIn.get("accessToken").asString();
	}

	private static String bearer(TestBackend.Received received) {
		String header = received.header(HttpHeaders.AUTHORIZATION);
		assertThat(header).startsWith("Bearer ");
		return header.substring("Bearer ".length());
	}

	/** What a backend does with the standard library only: JWKS, issuer, audience. */
	private static JWTClaimsSet verifyAsBillingService(String token) throws Exception {
		String issuer = TestInfrastructure.get().issuer();
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.RS256),
						JWKSourceBuilder.create(URI.create(issuer + "/.well-known/jwks.json").toURL(),
								// generous: this machine runs several test suites at once
								new DefaultResourceRetriever(10_000, 10_000))
							.retrying(false)
							.build()));
		processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("billing-service",
				new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "sid", "exp", "iat")) {

			// the backend shares the deployment's clock: the tests' standing one
			@Override
			protected Date currentTime() {
				return Date.from(MutableClock.shared().instant());
			}

		});
		return processor.process(token, null);
	}

}
