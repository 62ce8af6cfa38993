package dev.portcullis.edge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real nginx in front of a backend, asking this gateway about every request through
 * {@code auth_request}: the configuration {@code docs/edge.md} shows.
 */
class EdgeNginxIntegrationTests extends IntegrationTest {

	private static TestBackend backend;

	private static NginxForwardAuth nginx;

	private WebTestClient viaNginx;

	@BeforeAll
	static void startNginx() {
		backend = TestBackend.start();
		nginx = NginxForwardAuth.start(TestInfrastructure.get().port(), backend.port());
	}

	@AfterAll
	static void stopNginx() {
		if (nginx != null) {
			nginx.close();
		}
		if (backend != null) {
			backend.close();
		}
	}

	@BeforeEach
	void client() {
		backend.clear();
		this.viaNginx = WebTestClient.bindToServer().baseUrl(nginx.baseUrl()).build();
	}

	@Test
	void signedInRequestReachesTheBackendWithItsIdentity() {
		JsonNode user = auth().newSignedInUser();
		this.viaNginx.get()
			.uri("/api/orders/7")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("backend");
		TestBackend.Received received = backend.take();
		assertThat(received.path()).isEqualTo("/api/orders/7");
		assertThat(received.header(IdentityHeaders.USER)).isEqualTo(user.at("/user/id").asString());
		assertThat(received.header(IdentityHeaders.SESSION)).isEqualTo(user.at("/session/id").asString());
		assertThat(received.header(IdentityHeaders.ROLES)).isEqualTo("user");
		assertThat(received.header(IdentityHeaders.AMR)).isEqualTo("pwd");
	}

	@Test
	void requestWithoutTokenIsRefusedBeforeTheBackend() {
		this.viaNginx.get()
			.uri("/api/orders/7")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		this.viaNginx.get()
			.uri("/api/orders/7")
			.headers((headers) -> headers.setBearerAuth("forged.token.value"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(backend.pending()).isZero();
	}

	@Test
	void sessionRevokedAMomentAgoIsRefused() {
		JsonNode user = auth().newSignedInUser();
		this.viaNginx.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange()
			.expectStatus()
			.isOk();
		backend.take();
		auth().delete("/v1/auth/sessions/" + user.at("/session/id").asString(), token(user)).expectStatus().isOk();
		this.viaNginx.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		assertThat(backend.pending()).isZero();
	}

	@Test
	void missingRoleIsRefusedAndHeldRoleAllowed() {
		JsonNode user = auth().newSignedInUser();
		this.viaNginx.get()
			.uri("/admin/reports")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(backend.pending()).isZero();
		JsonNode admin = EdgeUsers.signedInAdmin(auth());
		this.viaNginx.get()
			.uri("/admin/reports")
			.headers((headers) -> headers.setBearerAuth(token(admin)))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.take().header(IdentityHeaders.ROLES)).isEqualTo("user,admin");
	}

	@Test
	void spoofedIdentityHeadersNeverReachTheBackend() {
		JsonNode user = auth().newSignedInUser();
		this.viaNginx.get()
			.uri("/api/orders")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.header("X-Portcullis-User", "00000000-0000-0000-0000-000000000000")
			.header("x-portcullis-roles", "admin")
			.header("X-PORTCULLIS-SESSION", "forged")
			.header("X-Portcullis-Amr", "pwd,otp")
			.exchange()
			.expectStatus()
			.isOk();
		TestBackend.Received received = backend.take();
		assertThat(received.headers().get("x-portcullis-user")).containsExactly(user.at("/user/id").asString());
		assertThat(received.headers().get("x-portcullis-roles")).containsExactly("user");
		assertThat(received.headers().get("x-portcullis-session")).containsExactly(user.at("/session/id").asString());
		assertThat(received.headers().get("x-portcullis-amr")).containsExactly("pwd");
		this.viaNginx.get()
			.uri("/public/prices")
			.header("X-Portcullis-User", "00000000-0000-0000-0000-000000000000")
			.header("X-Portcullis-Roles", "admin")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.take().headers().keySet()).noneMatch((name) -> name.startsWith("x-portcullis-"));
	}

	private static String token(JsonNode signedIn) {
		return signedIn.get("accessToken").asString();
	}

}
