package dev.portcullis.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Two gateway instances with the contract's rate limits, started once per JVM for the
 * tests of those limits (their own Redis prefix, so other tests' traffic from 127.0.0.1
 * does not count). Both trust 127.0.0.1 as a proxy, so tests pick client addresses with
 * {@code X-Forwarded-For}; each test uses addresses and accounts of its own.
 */
public final class ContractLimits {

	private static final SecondInstance[] instances = new SecondInstance[2];

	private ContractLimits() {
	}

	/** Instance 0 or 1; both count against the same limits. */
	public static synchronized SecondInstance instance(int which) {
		if (instances[which] == null) {
			instances[which] = SecondInstance
				.startLifelong(properties(TestInfrastructure.get().redisPrefix() + "-limits"));
		}
		return instances[which];
	}

	/**
	 * The contract's defaults, loopback trusted as a proxy, and a small rule on a cheap
	 * route ({@code GET /v1/auth/csrf}, 3 a minute per address).
	 */
	public static Map<String, String> properties(String redisPrefix) {
		Map<String, String> properties = new HashMap<>();
		properties.put("portcullis.redis-prefix", redisPrefix);
		properties.put("portcullis.trusted-proxies", "127.0.0.1/32");
		properties.put("portcullis.rate-limit.sign-in.per-ip", "20/10m");
		properties.put("portcullis.rate-limit.sign-in.per-account", "10/10m");
		properties.put("portcullis.rate-limit.sign-up.per-ip", "20/1h");
		properties.put("portcullis.rate-limit.email.per-ip", "20/1h");
		properties.put("portcullis.rate-limit.email.per-account", "5/1h");
		properties.put("portcullis.rate-limit.two-factor.per-account", "10/10m");
		properties.put("portcullis.rate-limit.client-credentials.per-account", "3/1m");
		properties.put("portcullis.rate-limit.rules.probe.paths", "/v1/auth/csrf");
		properties.put("portcullis.rate-limit.rules.probe.methods", "GET");
		properties.put("portcullis.rate-limit.rules.probe.per-ip", "3/1m");
		return properties;
	}

}
