package dev.portcullis.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.portcullis.crypto.MasterKeys;
import dev.portcullis.support.Emails;
import dev.portcullis.support.GatewayProperties;
import dev.portcullis.support.IpPrefix;

/**
 * Redis keys of the rate-limit counters: {@code {prefix:rl:limit}:ip:…} and
 * {@code {prefix:rl:limit}:account:…}. The braces are a Redis Cluster hash tag: every
 * counter of one limit lives in one slot, so a single script can decide the per-IP and
 * the per-account counter of a request atomically. Neither the address nor the account
 * appears in a key: both are HMAC-SHA256 under a key derived from the master key
 * (truncated to 128 bits), so a Redis dump reveals no emails or client addresses, and
 * every instance with the same master key computes the same keys.
 */
@Component
class CounterKeys {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final String prefix;

	private final SecretKeySpec key;

	private final ThreadLocal<Mac> macs;

	CounterKeys(GatewayProperties gateway, MasterKeys masterKeys) {
		this.prefix = gateway.redisPrefix();
		this.key = new SecretKeySpec(masterKeys.derive("rate-limit-keys"), "HmacSHA256");
		this.macs = ThreadLocal.withInitial(this::newMac);
	}

	/**
	 * The counter of a client network for a limit: an IPv4 address alone, an IPv6 address
	 * by its /64 (else one subscriber would have 2^64 fresh budgets).
	 */
	String ip(String limit, String ipAddress) {
		String network = IpPrefix.of(ipAddress, 32, 64);
		return tag(limit) + ":ip:" + digest((network != null) ? network : "unknown");
	}

	/**
	 * The counter of an account key (an email as typed, a user id) for a limit;
	 * case-insensitive.
	 */
	String account(String limit, String account) {
		return tag(limit) + ":account:" + digest(Emails.normalize(account));
	}

	private String tag(String limit) {
		return "{" + this.prefix + ":rl:" + limit + "}";
	}

	private String digest(String value) {
		Mac mac = this.macs.get();
		byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
		return ENCODER.encodeToString(Arrays.copyOf(full, 16));
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
