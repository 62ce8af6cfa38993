package dev.portcullis.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.portcullis.client.ServiceClientProperties.Client;
import dev.portcullis.crypto.Tokens;
import dev.portcullis.support.Offloader;
import dev.portcullis.token.ServiceTokenIssuer;

/**
 * The configured service clients and their authentication. Secrets are checked through
 * Spring Security's {@link DelegatingPasswordEncoder} ({@code {argon2}},
 * {@code {bcrypt}}, {@code {noop}}) on the offload pool: an Argon2 or bcrypt check is
 * tens of milliseconds of CPU. An unknown client id is checked against the secret of a
 * configured client (the first by id) and refused whatever the outcome, so it costs the
 * same time as a known id with a wrong secret. Configuration mistakes stop startup with a
 * message naming the property.
 */
@Component
class ServiceClients implements ServiceClientDirectory {

	private static final Logger logger = LoggerFactory.getLogger(ServiceClients.class);

	/** RFC 6749 section 3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. */
	static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

	private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

	private final Map<String, Client> clients;

	private final PasswordEncoder encoder = encoder();

	private final String dummySecret;

	private final Offloader offloader;

	@Autowired
	ServiceClients(ServiceClientProperties properties, ServiceTokenIssuer tokens, Offloader offloader) {
		this(properties, tokens.maxTtl(), offloader);
	}

	ServiceClients(ServiceClientProperties properties, Duration maxTtl, Offloader offloader) {
		this.clients = new TreeMap<>(properties.clients());
		this.clients.forEach((id, client) -> check(id, client, maxTtl));
		this.dummySecret = this.clients.isEmpty() ? "{noop}" + Tokens.random()
				: this.clients.values().iterator().next().secret();
		this.offloader = offloader;
	}

	@Override
	public boolean isConfigured(String clientId) {
		return this.clients.containsKey(clientId);
	}

	/**
	 * The client, or {@code invalid_client} when the id is unknown or the secret does not
	 * match.
	 */
	Mono<RegisteredClient> authenticate(ClientCredentials credentials) {
		Client client = this.clients.get(credentials.clientId());
		String encoded = (client != null) ? client.secret() : this.dummySecret;
		return this.offloader.call(() -> this.encoder.matches(credentials.secret(), encoded))
			.filter((matches) -> matches && client != null)
			.map((matches) -> new RegisteredClient(credentials.clientId(), client.scopes(), client.audiences(),
					client.tokenTtl()))
			.switchIfEmpty(Mono.error(OAuthError::invalidClient));
	}

	private static void check(String id, Client client, Duration maxTtl) {
		String property = "portcullis.clients." + id;
		if (!CLIENT_ID.matcher(id).matches()) {
			fail(property, "the client id may use only letters, digits and . _ ~ - (at most 128)");
		}
		if ("portcullis".equals(id)) {
			fail(property, "'portcullis' is the client_id of the gateway's own user tokens");
		}
		String secret = client.secret();
		if (secret.startsWith("{noop}") && secret.length() > "{noop}".length()) {
			logger.warn("{}.secret is stored in plain text ({noop}): use {argon2} or {bcrypt} outside tests", property);
		}
		else if (!(secret.startsWith("{argon2}$argon2") || BCRYPT.matcher(secret).matches())) {
			fail(property + ".secret", "encode the secret as {argon2}$argon2id$…, {bcrypt}$2a$… or {noop}…");
		}
		client.scopes()
			.stream()
			.filter((scope) -> !SCOPE_TOKEN.matcher(scope).matches())
			.findAny()
			.ifPresent(
					(scope) -> fail(property + ".scopes", "a scope is printable ASCII without spaces, quotes or \\"));
		if (client.audiences().isEmpty() || client.audiences().stream().anyMatch(String::isBlank)) {
			fail(property + ".audiences", "name at least one audience (the aud of its tokens), none blank");
		}
		if (client.tokenTtl().toSeconds() < 1 || client.tokenTtl().compareTo(maxTtl) > 0) {
			fail(property + ".token-ttl", "between 1s and portcullis.access-token.ttl (" + maxTtl
					+ "), which is how long retired " + "signing keys stay published");
		}
	}

	private static void fail(String property, String message) {
		throw new IllegalStateException(property + ": " + message);
	}

	private static PasswordEncoder encoder() {
		return new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt",
						new BCryptPasswordEncoder(), "noop", new ConstantTimePlainText()));
	}

	/**
	 * {@code {noop}} with a comparison that takes the same time however much of the
	 * secret is right (Spring's {@code NoOpPasswordEncoder} uses {@code String.equals}).
	 */
	private static final class ConstantTimePlainText implements PasswordEncoder {

		@Override
		public String encode(CharSequence raw) {
			return raw.toString();
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			return MessageDigest.isEqual(raw.toString().getBytes(StandardCharsets.UTF_8),
					encoded.getBytes(StandardCharsets.UTF_8));
		}

	}

}
