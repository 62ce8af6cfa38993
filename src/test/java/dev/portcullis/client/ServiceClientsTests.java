package dev.portcullis.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import dev.portcullis.client.ServiceClientProperties.Client;
import dev.portcullis.support.Offloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ServiceClientsTests {

	private static final Duration MAX_TTL = Duration.ofMinutes(15);

	private final Offloader offloader = new Offloader(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

	@AfterEach
	void stop() {
		this.offloader.destroy();
	}

	@Test
	void aBcryptClientAuthenticatesWithItsSecretOnly() {
		ServiceClients clients = clients(Map.of("billing",
				client("{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret"), List.of("a"), List.of("api"))));

		StepVerifier.create(clients.authenticate(new ClientCredentials("billing", "s3cret")))
			.assertNext((client) -> assertThat(client)
				.isEqualTo(new RegisteredClient("billing", List.of("a"), List.of("api"), Duration.ofMinutes(5))))
			.verifyComplete();
		StepVerifier.create(clients.authenticate(new ClientCredentials("billing", "wrong")))
			.verifyErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(OAuthError.class).hasMessage("Client authentication failed."));
	}

	@Test
	void anUnknownClientIsRefusedEvenWithAnotherClientsSecret() {
		ServiceClients clients = clients(Map.of("billing", client("{noop}s3cret", List.of(), List.of("api"))));

		StepVerifier.create(clients.authenticate(new ClientCredentials("nobody", "s3cret")))
			.verifyError(OAuthError.class);
	}

	@Test
	void withoutClientsEveryCallerIsRefused() {
		StepVerifier.create(clients(Map.of()).authenticate(new ClientCredentials("any", "thing")))
			.verifyError(OAuthError.class);
	}

	@Test
	void configurationMistakesStopStartupNamingTheProperty() {
		assertThatIllegalStateException()
			.isThrownBy(() -> clients(Map.of("billing", client("s3cret", List.of(), List.of("api")))))
			.withMessageStartingWith("portcullis.clients.billing.secret:");
		assertThatIllegalStateException()
			.isThrownBy(() -> clients(Map.of("billing", client("{sha256}abc", List.of(), List.of("api")))))
			.withMessageStartingWith("portcullis.clients.billing.secret:");
		assertThatIllegalStateException()
			.isThrownBy(() -> clients(Map.of("billing", client("{noop}s3cret", List.of(), List.of()))))
			.withMessageStartingWith("portcullis.clients.billing.audiences:");
		assertThatIllegalStateException()
			.isThrownBy(() -> clients(Map.of("billing", client("{noop}s3cret", List.of("a\"b"), List.of("api")))))
			.withMessageStartingWith("portcullis.clients.billing.scopes:");
		assertThatIllegalStateException()
			.isThrownBy(() -> clients(Map.of("portcullis", client("{noop}s3cret", List.of(), List.of("api")))))
			.withMessageStartingWith("portcullis.clients.portcullis:");
		assertThatIllegalStateException()
			.isThrownBy(() -> clients(
					Map.of("billing", new Client("{noop}s3cret", List.of(), List.of("api"), Duration.ofMinutes(16)))))
			.withMessageStartingWith("portcullis.clients.billing.token-ttl:");
	}

	private ServiceClients clients(Map<String, Client> clients) {
		return new ServiceClients(new ServiceClientProperties(clients), MAX_TTL, this.offloader);
	}

	private static Client client(String secret, List<String> scopes, List<String> audiences) {
		return new Client(secret, scopes, audiences, Duration.ofMinutes(5));
	}

}
