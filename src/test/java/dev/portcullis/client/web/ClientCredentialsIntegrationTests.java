package dev.portcullis.client.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.Problems;
import dev.portcullis.support.SecondInstance;
import dev.portcullis.support.TestInfrastructure;

import static dev.portcullis.support.ServiceTokens.basic;
import static dev.portcullis.support.ServiceTokens.form;
import static dev.portcullis.support.ServiceTokens.obtain;
import static dev.portcullis.support.ServiceTokens.request;
import static dev.portcullis.support.TestInfrastructure.ORDERS_CLIENT;
import static dev.portcullis.support.TestInfrastructure.ORDERS_SECRET;
import static dev.portcullis.support.TestInfrastructure.PLAIN_CLIENT;
import static dev.portcullis.support.TestInfrastructure.PLAIN_SECRET;
import static dev.portcullis.support.TestInfrastructure.REPORTS_CLIENT;
import static dev.portcullis.support.TestInfrastructure.REPORTS_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /oauth2/token} with {@code grant_type=client_credentials} (RFC 6749 section
 * 4.4) against the clients of {@link TestInfrastructure}: an {@code {argon2}}, a
 * {@code {bcrypt}} and a {@code {noop}} secret.
 */
class ClientCredentialsIntegrationTests extends IntegrationTest {

	@Autowired
	private MeterRegistry meters;

	@Test
	void basicAuthenticationIssuesATokenWithEveryScopeAndAudienceOfTheClient() throws Exception {
		JsonNode body = request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET), form()).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectHeader()
			.valueEquals(HttpHeaders.PRAGMA, "no-cache")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isEqualTo(300);
		assertThat(body.get("scope").asString()).isEqualTo("orders:read orders:write");
		SignedJWT jwt = SignedJWT.parse(body.get("access_token").asString());
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getHeader().getKeyID()).isNotBlank();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(TestInfrastructure.get().issuer());
		assertThat(claims.getSubject()).isEqualTo(ORDERS_CLIENT);
		assertThat(claims.getStringClaim("client_id")).isEqualTo(ORDERS_CLIENT);
		assertThat(claims.getStringClaim("scope")).isEqualTo("orders:read orders:write");
		assertThat(claims.getAudience()).containsExactly("orders-api", "billing-api");
		assertThat(claims.getClaim("sid")).isNull();
		assertThat(claims.getClaim("roles")).isNull();
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
	}

	@Test
	void postAuthenticationWithScopeAndAudienceNarrowsTheToken() throws Exception {
		JsonNode body = request(this.http, null,
				form("client_id", REPORTS_CLIENT, "client_secret", REPORTS_SECRET, "scope", "reports:read", "audience",
						"reports-api"))
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		JWTClaimsSet claims = SignedJWT.parse(body.get("access_token").asString()).getJWTClaimsSet();
		assertThat(body.get("scope").asString()).isEqualTo("reports:read");
		assertThat(claims.getSubject()).isEqualTo(REPORTS_CLIENT);
		assertThat(claims.getAudience()).containsExactly("reports-api");

		JsonNode narrowed = obtain(this.http, ORDERS_CLIENT, ORDERS_SECRET, "scope", "orders:read", "audience",
				"billing-api");
		JWTClaimsSet narrowedClaims = SignedJWT.parse(narrowed.get("access_token").asString()).getJWTClaimsSet();
		assertThat(narrowedClaims.getStringClaim("scope")).isEqualTo("orders:read");
		assertThat(narrowedClaims.getAudience()).containsExactly("billing-api");
	}

	@Test
	void basicCredentialsAreFormDecodedAndAClientWithoutScopesGetsNone() throws Exception {
		JsonNode body = obtain(this.http, PLAIN_CLIENT, PLAIN_SECRET);

		assertThat(body.get("expires_in").asLong()).isEqualTo(60);
		assertThat(body.has("scope")).isFalse();
		JWTClaimsSet claims = SignedJWT.parse(body.get("access_token").asString()).getJWTClaimsSet();
		assertThat(claims.getClaim("scope")).isNull();
		assertThat(claims.getAudience()).containsExactly("plain-api");
	}

	@Test
	void wrongSecretUnknownClientAndNoCredentialsAllAnswerTheSameInvalidClient() {
		List<WebTestClient.ResponseSpec> responses = List.of(request(this.http, basic(ORDERS_CLIENT, "wrong"), form()),
				request(this.http, basic("no-such-client", ORDERS_SECRET), form()),
				request(this.http, null, form("client_id", REPORTS_CLIENT, "client_secret", "wrong")),
				request(this.http, null, form("client_id", REPORTS_CLIENT)), request(this.http, null, form()),
				request(this.http, "Bearer something", form()));
		for (WebTestClient.ResponseSpec response : responses) {
			expectError(response, 401, "invalid_client").jsonPath("$.error_description")
				.isEqualTo("Client authentication failed.");
			response.expectHeader()
				.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"portcullis\", charset=\"UTF-8\"");
		}
	}

	@Test
	void malformedRequestsAreInvalidRequest() {
		expectError(request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET),
				form("scope", "orders:read", "scope", "orders:write")), 400, "invalid_request");
		expectError(request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET), form("client_secret", ORDERS_SECRET)), 400,
				"invalid_request");
		expectError(request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET), form("client_id", PLAIN_CLIENT)), 400,
				"invalid_request");
		MultiValueMap<String, String> noGrant = form();
		noGrant.remove("grant_type");
		expectError(request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET), noGrant), 400, "invalid_request");
		expectError(this.http.post()
			.uri("/oauth2/token")
			.header(HttpHeaders.AUTHORIZATION, basic(ORDERS_CLIENT, ORDERS_SECRET))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"grant_type\":\"client_credentials\"}")
			.exchange(), 400, "invalid_request");
	}

	@Test
	void otherGrantTypesAreUnsupported() {
		MultiValueMap<String, String> password = form("username", "a@example.com", "password", "x");
		password.set("grant_type", "password");
		expectError(request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET), password), 400, "unsupported_grant_type");
	}

	@Test
	void scopesAndAudiencesBeyondTheClientsAreRefused() {
		expectError(request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET), form("scope", "orders:read admin")), 400,
				"invalid_scope");
		expectError(request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET), form("scope", "orders:read  orders:write")),
				400, "invalid_scope");
		expectError(request(this.http, basic(REPORTS_CLIENT, REPORTS_SECRET), form("scope", "orders:read")), 400,
				"invalid_scope");
		expectError(request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET), form("audience", "reports-api")), 400,
				"invalid_target");
		expectError(request(this.http, basic(ORDERS_CLIENT, ORDERS_SECRET),
				form("audience", "orders-api", "audience", "reports-api")), 400, "invalid_target");
	}

	@Test
	void scopeProbingNeedsValidCredentials() {
		expectError(request(this.http, basic(ORDERS_CLIENT, "wrong"), form("scope", "admin")), 401, "invalid_client");
	}

	/**
	 * An unknown id is checked against a configured client's Argon2 secret: without that
	 * it would answer in a fraction of the time (a map lookup instead of tens of
	 * milliseconds of hashing) and tell which ids exist.
	 */
	@Test
	void anUnknownClientCostsAboutAsMuchAsAWrongSecret() {
		List<Long> known = new ArrayList<>();
		List<Long> unknown = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			known.add(timeOf(basic(ORDERS_CLIENT, "wrong-" + i)));
			unknown.add(timeOf(basic("unknown-" + i, "wrong-" + i)));
		}
		Collections.sort(known);
		Collections.sort(unknown);
		assertThat(unknown.get(2)).isGreaterThan(known.get(2) / 2);
	}

	@Test
	void outcomesAreCountedPerConfiguredClientAndUnknownIdsShareOneSeries() {
		double issued = requests(PLAIN_CLIENT, "issued");
		double unknown = requests("unknown", "invalid_client");

		obtain(this.http, PLAIN_CLIENT, PLAIN_SECRET);
		request(this.http, basic("guess-" + System.nanoTime(), "x"), form()).expectStatus().isUnauthorized();

		assertThat(requests(PLAIN_CLIENT, "issued")).isEqualTo(issued + 1);
		assertThat(requests("unknown", "invalid_client")).isEqualTo(unknown + 1);
	}

	private double requests(String client, String outcome) {
		return this.meters.counter("portcullis.client-credentials.requests", "client", client, "outcome", outcome)
			.count();
	}

	@Test
	void discoveryListsTheTokenEndpoint() {
		this.http.get()
			.uri("/.well-known/openid-configuration")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.token_endpoint")
			.isEqualTo(TestInfrastructure.get().issuer() + "/oauth2/token")
			.jsonPath("$.grant_types_supported")
			.isEqualTo(List.of("client_credentials"))
			.jsonPath("$.token_endpoint_auth_methods_supported")
			.isEqualTo(List.of("client_secret_basic", "client_secret_post"));
	}

	/**
	 * A service token has no session, so the gateway's own endpoints refuse it even when
	 * its audience is the gateway's (the reports client may ask for the issuer).
	 */
	@Test
	void aServiceTokenIsRefusedWhereAUserSessionIsRequired() {
		String token = obtain(this.http, REPORTS_CLIENT, REPORTS_SECRET, "audience", TestInfrastructure.get().issuer())
			.get("access_token")
			.asString();
		for (String path : List.of("/v1/auth/session", "/v1/auth/sessions", "/v1/auth/security-events",
				"/v1/admin/users?email=a@example.com")) {
			WebTestClient.ResponseSpec response = this.http.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange();
			Problems.expectProblem(response, 401, "invalid_token");
		}
		Problems.expectProblem(this.http.post()
			.uri("/v1/auth/sessions/revoke-all")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange(), 401, "invalid_token");
	}

	@Test
	void introspectionAnswersAServiceTokenActiveWithItsClaimsUntilItExpires() {
		String token = obtain(this.http, ORDERS_CLIENT, ORDERS_SECRET, "scope", "orders:read").get("access_token")
			.asString();

		JsonNode body = introspect(token).expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(body.get("sub").asString()).isEqualTo(ORDERS_CLIENT);
		assertThat(body.get("client_id").asString()).isEqualTo(ORDERS_CLIENT);
		assertThat(body.get("scope").asString()).isEqualTo("orders:read");
		assertThat(body.get("aud").get(0).asString()).isEqualTo("orders-api");
		assertThat(body.get("aud").get(1).asString()).isEqualTo("billing-api");
		assertThat(body.get("exp").asLong() - body.get("iat").asLong()).isEqualTo(300);
		assertThat(body.has("sid")).isFalse();

		this.clock.advance(Duration.ofMinutes(5));
		introspect(token).expectStatus().isOk().expectBody().json("{\"active\":false}", true);
	}

	/**
	 * Both instances share the signing keys; only the second one knows the client, as
	 * after removing it from the configuration of the first.
	 */
	@Test
	void introspectionAnswersInactiveForATokenOfAClientNoLongerConfigured() {
		try (SecondInstance other = SecondInstance.start(Map.of("portcullis.clients.retired-service.secret",
				"{noop}retired-secret", "portcullis.clients.retired-service.audiences", "retired-api"))) {
			String token = obtain(other.http(), "retired-service", "retired-secret").get("access_token").asString();

			introspect(other.http(), token).expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(true);
			introspect(this.http, token).expectStatus().isOk().expectBody().json("{\"active\":false}", true);
		}
	}

	private WebTestClient.ResponseSpec introspect(String token) {
		return introspect(this.http, token);
	}

	private static WebTestClient.ResponseSpec introspect(WebTestClient http, String token) {
		return http.post()
			.uri("/v1/tokens/introspect")
			.header(HttpHeaders.AUTHORIZATION,
					basic(TestInfrastructure.INTROSPECTION_CLIENT, TestInfrastructure.INTROSPECTION_SECRET))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("token", token))
			.exchange();
	}

	private long timeOf(String authorization) {
		long start = System.nanoTime();
		request(this.http, authorization, form()).expectStatus().isUnauthorized();
		return System.nanoTime() - start;
	}

	static WebTestClient.BodyContentSpec expectError(WebTestClient.ResponseSpec response, int status, String error) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo(error)
			.jsonPath("$.error_description")
			.isNotEmpty();
	}

}
