package dev.portcullis.client.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.portcullis.client.ClientCredentials;
import dev.portcullis.client.OAuthError;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRequestTests {

	@Test
	void basicCredentialsAreFormDecodedAfterBase64() {
		String header = "Basic "
				+ Base64.getEncoder().encodeToString("my%2Bclient:a+b%3Ac%25".getBytes(StandardCharsets.UTF_8));

		StepVerifier.create(TokenRequest.parse(form("scope", "x y", "audience", "one", "audience", "two"), header))
			.assertNext((request) -> {
				assertThat(request.credentials()).isEqualTo(new ClientCredentials("my+client", "a b:c%"));
				assertThat(request.scope()).isEqualTo("x y");
				assertThat(request.audiences()).containsExactly("one", "two");
			})
			.verifyComplete();
	}

	@Test
	void postedCredentialsAreRead() {
		StepVerifier.create(TokenRequest.parse(form("client_id", "svc", "client_secret", "s", "scope", ""), null))
			.assertNext((request) -> {
				assertThat(request.credentials()).isEqualTo(new ClientCredentials("svc", "s"));
				assertThat(request.scope()).isNull();
				assertThat(request.audiences()).isEmpty();
			})
			.verifyComplete();
	}

	@Test
	void aBasicHeaderWithoutASecretIsInvalidClient() {
		String header = "Basic " + Base64.getEncoder().encodeToString("svc:".getBytes(StandardCharsets.UTF_8));
		StepVerifier.create(TokenRequest.parse(form(), header))
			.verifyErrorSatisfies(
					(ex) -> assertThat(((OAuthError) ex).body()).containsEntry("error", "invalid_client"));
		StepVerifier.create(TokenRequest.parse(form(), "Basic !!notbase64"))
			.verifyErrorSatisfies(
					(ex) -> assertThat(((OAuthError) ex).body()).containsEntry("error", "invalid_client"));
	}

	@Test
	void theGrantTypeIsCheckedBeforeCredentials() {
		MultiValueMap<String, String> form = form();
		form.set("grant_type", "authorization_code");
		StepVerifier.create(TokenRequest.parse(form, null))
			.verifyErrorSatisfies(
					(ex) -> assertThat(((OAuthError) ex).body()).containsEntry("error", "unsupported_grant_type"));
	}

	private static MultiValueMap<String, String> form(String... pairs) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.put("grant_type", List.of("client_credentials"));
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			form.add(pairs[i], pairs[i + 1]);
		}
		return form;
	}

}
