package dev.portcullis.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.Offloader;

/**
 * Keeps the current {@link KeySet}, reloading it from PostgreSQL at most once a minute.
 * Every reload also rotates: when the newest key is due to be succeeded within the
 * pre-publication period (or was made with another algorithm than configured), a next
 * generation is inserted with an activation time in the future, so it is in every JWKS
 * cache before it signs. All instances race to insert the same generation number and the
 * database keeps exactly one.
 */
@Component
class SigningKeyRing {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyRing.class);

	private static final Duration RELOAD_INTERVAL = Duration.ofMinutes(1);

	private final SigningKeyStore store;

	private final SigningKeyProperties properties;

	private final AccessTokenProperties tokens;

	private final Offloader offloader;

	private final Clock clock;

	private final SigningKeyMetrics metrics;

	private volatile Mono<KeySet> current;

	SigningKeyRing(SigningKeyStore store, SigningKeyProperties properties, AccessTokenProperties tokens,
			Offloader offloader, Clock clock, SigningKeyMetrics metrics) {
		this.store = store;
		this.properties = properties;
		this.tokens = tokens;
		this.offloader = offloader;
		this.clock = clock;
		this.metrics = metrics;
		this.current = load();
	}

	Mono<KeySet> keys() {
		return this.current.flatMap((keys) -> {
			if (keys.loadedAt().plus(RELOAD_INTERVAL).isAfter(this.clock.instant())) {
				return Mono.just(keys);
			}
			this.current = load();
			return this.current;
		});
	}

	/**
	 * Forces a reload, as after a clock move in tests or an operator's manual rotation.
	 */
	Mono<KeySet> reload() {
		this.current = load();
		return this.current;
	}

	private Mono<KeySet> load() {
		return this.store.all()
			.collectList()
			.flatMap(this::rotateIfDue)
			.map((keys) -> KeySet.of(keys, this.clock.instant(), this.tokens.ttl()))
			.doOnNext(this.metrics::observe)
			.cache((keys) -> RELOAD_INTERVAL, (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	private Mono<List<SigningKey>> rotateIfDue(List<SigningKey> keys) {
		Instant now = this.clock.instant();
		SigningKey newest = keys.isEmpty() ? null : keys.get(keys.size() - 1);
		Instant activatesAt;
		if (newest == null) {
			activatesAt = now;
		}
		else if (!newest.jwk().getAlgorithm().getName().equals(this.properties.algorithm())) {
			activatesAt = max(newest.activatesAt(), now).plus(this.properties.prePublication());
		}
		else {
			Instant due = newest.activatesAt().plus(this.properties.rotationPeriod());
			if (due.minus(this.properties.prePublication()).isAfter(now)) {
				return pruneRetired(keys);
			}
			activatesAt = max(due, now.plus(this.properties.prePublication()));
		}
		int generation = (newest == null) ? 1 : newest.generation() + 1;
		return this.offloader.call(() -> generate(this.properties.algorithm(), generation, activatesAt))
			.flatMap((key) -> this.store.insertIfAbsent(key, now))
			.doOnSuccess((done) -> logger.info("Signing key generation {} published; it signs from {}", generation,
					activatesAt))
			.then(this.store.all().collectList());
	}

	private Mono<List<SigningKey>> pruneRetired(List<SigningKey> keys) {
		int oldest = KeySet.of(keys, this.clock.instant(), this.tokens.ttl()).oldestPublishedGeneration(keys);
		if (oldest <= keys.get(0).generation()) {
			return Mono.just(keys);
		}
		return this.store.deleteBefore(oldest)
			.thenReturn(keys.stream().filter((key) -> key.generation() >= oldest).toList());
	}

	static SigningKey generate(String algorithmName, int generation, Instant activatesAt) throws JOSEException {
		String kid = UUID.randomUUID().toString();
		JWSAlgorithm algorithm = JWSAlgorithm.parse(algorithmName);
		JWK jwk = switch (algorithmName) {
			case "EdDSA" -> new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(algorithm)
				.generate();
			case "RS256" ->
				new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
			default ->
				new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
		};
		return new SigningKey(generation, jwk, activatesAt);
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
