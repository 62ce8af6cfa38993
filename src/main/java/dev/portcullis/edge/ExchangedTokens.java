package dev.portcullis.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.token.AccessTokenClaims;
import dev.portcullis.token.AccessTokenIssuer;
import dev.portcullis.token.IssuedAccessToken;

/**
 * Tokens minted for a route's audience ({@code token: exchange}), one per session and
 * route, reused until a quarter of its lifetime is left, so a busy session costs one
 * signature a minute per route rather than one per request. The key also holds the
 * identity the token carries (roles, {@code amr}, {@code auth_time}): after a step-up or
 * a role change the caller's new token gets a new exchanged token at once.
 */
@Component
class ExchangedTokens {

	private final AccessTokenIssuer issuer;

	private final Clock clock;

	private final Cache<Key, IssuedAccessToken> cache = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	ExchangedTokens(AccessTokenIssuer issuer, Clock clock) {
		this.issuer = issuer;
		this.clock = clock;
	}

	Mono<String> tokenFor(String route, AccessTokenClaims claims, String audience, Duration ttl) {
		Key key = new Key(route, claims.sessionId(), claims.roles(), claims.amr(), claims.authTime());
		IssuedAccessToken cached = this.cache.getIfPresent(key);
		Instant renewAt = this.clock.instant().plus(ttl.dividedBy(4));
		if (cached != null && cached.claims().expiresAt().isAfter(renewAt)) {
			return Mono.just(cached.value());
		}
		return this.issuer.issueFor(claims, audience, ttl)
			.doOnNext((issued) -> this.cache.put(key, issued))
			.map(IssuedAccessToken::value);
	}

	private record Key(String route, UUID sessionId, List<String> roles, List<String> amr, Instant authTime) {

	}

}
