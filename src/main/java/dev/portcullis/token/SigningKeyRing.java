package dev.portcullis.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

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
 *
 * <p>
 * An emergency rotation ({@link #rotateNow}) skips the pre-publication: its key signs at
 * once, and a compromised key can be retired with it. The kids of the last load are kept
 * ({@link #isPublished}), so that a token remembered as verified under a key that has
 * since been retired is refused.
 */
@Component
class SigningKeyRing {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyRing.class);

	private static final Duration RELOAD_INTERVAL = Duration.ofMinutes(1);

	private static final Duration FORCED_RELOAD_INTERVAL = Duration.ofSeconds(10);

	private final SigningKeyStore store;

	private final SigningKeyProperties properties;

	private final AccessTokenProperties tokens;

	private final Offloader offloader;

	private final Clock clock;

	private final AtomicReference<Set<String>> publishedKids = new AtomicReference<>(Set.of());

	private final AtomicLong lastForcedReload = new AtomicLong(Long.MIN_VALUE / 2);

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

	/**
	 * Reloads, unless this was done less than 10 seconds ago: for a token whose
	 * {@code kid} this instance does not know, which another instance may have just made
	 * (an emergency rotation whose message did not arrive). Answers empty when refused,
	 * so a flood of made-up kids costs one reload per 10 seconds.
	 */
	Mono<KeySet> reloadForUnknownKid() {
		long now = this.clock.millis();
		long last = this.lastForcedReload.get();
		if (now - last < FORCED_RELOAD_INTERVAL.toMillis() || !this.lastForcedReload.compareAndSet(last, now)) {
			return Mono.empty();
		}
		return reload();
	}

	/** Whether the last load published this key; it answers no to a retired key. */
	boolean isPublished(String kid) {
		return this.publishedKids.get().contains(kid);
	}

	/**
	 * Makes a new key that signs at once and, when {@code retireKid} names a key of the
	 * ring that is not retired yet, retires it: it leaves the JWKS and its tokens stop
	 * verifying. Errors {@code 404 signing_key_not_found} for any other
	 * {@code retireKid}, before making anything.
	 */
	Mono<SigningKeyRotation.Result> rotateNow(String retireKid) {
		Instant now = this.clock.instant();
		return this.store.all()
			.collectList()
			.flatMap((keys) -> (retireKid != null
					&& keys.stream().noneMatch((key) -> !key.retired() && key.kid().equals(retireKid)))
							? Mono.error(SigningKeyProblems.notFound()) : insertNext(keys, now, 3))
			.flatMap((key) -> ((retireKid != null) ? this.store.retire(retireKid, now) : Mono.just(false))
				.doOnNext(
						(retired) -> logger.warn("Emergency signing-key rotation: generation {} ({}) signs from now{}",
								key.generation(), key.kid(), retired ? "; retired " + retireKid : ""))
				// a reload made now, after the change, not when the chain was assembled
				.then(Mono.defer(this::reload))
				.thenReturn(new SigningKeyRotation.Result(key.kid(), retireKid)));
	}

	/** Inserts the next generation, signing from now; retries when another insert won. */
	private Mono<SigningKey> insertNext(List<SigningKey> keys, Instant now, int attempts) {
		int generation = keys.isEmpty() ? 1 : keys.get(keys.size() - 1).generation() + 1;
		return this.offloader.call(() -> generate(this.properties.algorithm(), generation, now))
			.flatMap((key) -> this.store.insert(key, now).filter((inserted) -> inserted).map((inserted) -> key))
			.switchIfEmpty(Mono.defer(() -> (attempts > 1)
					? this.store.all().collectList().flatMap((fresh) -> insertNext(fresh, now, attempts - 1))
					: Mono.error(new IllegalStateException("Could not insert a new signing key generation"))));
	}

	private Mono<KeySet> load() {
		return this.store.all()
			.collectList()
			.flatMap(this::rotateIfDue)
			.map((keys) -> KeySet.of(keys, this.clock.instant(), this.tokens.ttl()))
			.doOnNext(this::remember)
			.doOnNext(this.metrics::observe)
			.cache((keys) -> RELOAD_INTERVAL, (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	private void remember(KeySet keys) {
		this.publishedKids
			.set(keys.published().getKeys().stream().map(JWK::getKeyID).collect(Collectors.toUnmodifiableSet()));
	}

	private Mono<List<SigningKey>> rotateIfDue(List<SigningKey> all) {
		Instant now = this.clock.instant();
		List<SigningKey> keys = all.stream().filter((key) -> !key.retired()).toList();
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
				return pruneRetired(all);
			}
			activatesAt = max(due, now.plus(this.properties.prePublication()));
		}
		int generation = all.isEmpty() ? 1 : all.get(all.size() - 1).generation() + 1;
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
