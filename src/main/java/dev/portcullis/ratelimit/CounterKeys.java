package dev.portcullis.ratelimit;

import java.util.Arrays;
import java.util.Base64;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.crypto.Hmac;
import dev.portcullis.crypto.HmacKeys;
import dev.portcullis.support.Emails;
import dev.portcullis.support.GatewayProperties;
import dev.portcullis.support.IpPrefix;

/**
 * Redis keys of the rate-limit counters: {@code {prefix:rl:limit}:ip:…} and
 * {@code {prefix:rl:limit}:account:…}. The braces are a Redis Cluster hash tag: every
 * counter of one limit lives in one slot, so a single script can decide the per-IP and
 * the per-account counter of a request atomically. Neither the address nor the account
 * appears in a key: both are HMAC-SHA256 under the {@code rate-limit-keys} secret
 * ({@link HmacKeys}, truncated to 128 bits), so a Redis dump reveals no emails or client
 * addresses, and every instance computes the same keys. The secret does not change when
 * the master key rotates, so counters keep counting across a rotation.
 */
@Component
class CounterKeys {

	static final String PURPOSE = "rate-limit-keys";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final String prefix;

	private final HmacKeys keys;

	CounterKeys(GatewayProperties gateway, HmacKeys keys) {
		this.prefix = gateway.redisPrefix();
		this.keys = keys;
	}

	/** The key that names counters. */
	Mono<Hmac> hmac() {
		return this.keys.current(PURPOSE);
	}

	/**
	 * The counter of a client network for a limit: an IPv4 address alone, an IPv6 address
	 * by its /64 (else one subscriber would have 2^64 fresh budgets).
	 */
	String ip(Hmac hmac, String limit, String ipAddress) {
		String network = IpPrefix.of(ipAddress, 32, 64);
		return tag(limit) + ":ip:" + digest(hmac, (network != null) ? network : "unknown");
	}

	/**
	 * The counter of an account key (an email as typed, a user id) for a limit;
	 * case-insensitive.
	 */
	String account(Hmac hmac, String limit, String account) {
		return tag(limit) + ":account:" + digest(hmac, Emails.normalize(account));
	}

	private String tag(String limit) {
		return "{" + this.prefix + ":rl:" + limit + "}";
	}

	private static String digest(Hmac hmac, String value) {
		return ENCODER.encodeToString(Arrays.copyOf(hmac.sign(value), 16));
	}

}
