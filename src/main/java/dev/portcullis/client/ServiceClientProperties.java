package dev.portcullis.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Service clients of {@code POST /oauth2/token} (client credentials, RFC 6749 section
 * 4.4): {@code portcullis.clients.<id>.*}. The prefix is {@code portcullis} because the
 * client ids are the map's keys; the record binds only {@code clients}.
 *
 * @param clients by client id; default none, which refuses every caller
 */
@Validated
@ConfigurationProperties("portcullis")
record ServiceClientProperties(@DefaultValue Map<String, @Valid Client> clients) {

	ServiceClientProperties {
		clients = Map.copyOf(clients);
	}

	/**
	 * One service client.
	 *
	 * @param secret the client secret, encoded as Spring Security's
	 * {@code DelegatingPasswordEncoder} stores it: {@code {argon2}…}, {@code {bcrypt}…},
	 * or {@code {noop}…} (plain text, for tests and local runs only)
	 * @param scopes scopes the client may ask for; default none
	 * @param audiences {@code aud} values the client may ask for; at least one
	 * @param tokenTtl lifetime of its tokens; default {@code 5m}, at most
	 * {@code portcullis.access-token.ttl}
	 */
	record Client(@NotBlank String secret, @DefaultValue List<String> scopes, @DefaultValue List<String> audiences,
			@DefaultValue("5m") Duration tokenTtl) {

		Client {
			scopes = List.copyOf(scopes);
			audiences = List.copyOf(audiences);
		}

		@Override
		public String toString() {
			return "Client[secret=<hidden>, scopes=" + this.scopes + ", audiences=" + this.audiences + ", tokenTtl="
					+ this.tokenTtl + "]";
		}

	}

}
