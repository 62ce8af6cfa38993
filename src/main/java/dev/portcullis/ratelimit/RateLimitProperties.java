package dev.portcullis.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code portcullis.rate-limit.*}: the contract's limits, each {@code count/window}, and
 * limits declared for any other route.
 *
 * @param enabled default {@code true}; {@code false} turns every limit off (no Redis
 * call, no {@code RateLimit-*} headers)
 * @param failOpen default {@code true}: when Redis is unreachable (no live connection,
 * refused, reset), requests are allowed; {@code false} refuses them with
 * {@code 503 rate_limiter_unavailable}. A slow answer is never a reason to allow.
 * @param timeout default {@code 3s}: the longest a request waits for the limiter on a
 * live connection; past it the request is refused with {@code 503} (never allowed)
 * @param signIn default {@code per-ip=20/10m}, {@code per-account=10/10m} (the account is
 * the email as typed, case-insensitively)
 * @param signUp default {@code per-ip=20/1h}
 * @param email send-verification-email and password/forgot; default {@code per-ip=20/1h},
 * {@code per-account=5/1h}
 * @param twoFactor second-factor codes; default {@code per-account=10/10m} (the user id)
 * @param clientCredentials {@code POST /oauth2/token}; default {@code per-ip=300/1m},
 * {@code per-account=60/1m} (the client id as presented, known or not)
 * @param passwordChange {@code /password/change} attempts; default {@code per-ip=20/10m},
 * {@code per-account=10/10m} (the user id)
 * @param refreshFailures failed {@code /refresh} calls; default {@code per-ip=60/10m}
 * (only the per-IP rate is used): past it, refreshes from that address are refused until
 * the window has room
 * @param rules further limits by name, applied by path and method (see {@link Rule})
 */
@Validated
@ConfigurationProperties("portcullis.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean failOpen,
		@DefaultValue("3s") Duration timeout, Limit signIn, Limit signUp, Limit email, Limit twoFactor,
		Limit clientCredentials, Limit passwordChange, Limit refreshFailures, @DefaultValue Map<String, Rule> rules) {

	public RateLimitProperties {
		signIn = Limit.withDefaults(signIn, "20/10m", "10/10m");
		signUp = Limit.withDefaults(signUp, "20/1h", null);
		email = Limit.withDefaults(email, "20/1h", "5/1h");
		twoFactor = Limit.withDefaults(twoFactor, null, "10/10m");
		clientCredentials = Limit.withDefaults(clientCredentials, "300/1m", "60/1m");
		passwordChange = Limit.withDefaults(passwordChange, "20/10m", "10/10m");
		refreshFailures = Limit.withDefaults(refreshFailures, "60/10m", null);
		rules = Map.copyOf(rules);
	}

	/**
	 * One named limit. Either rate may be absent: then that key is not counted.
	 *
	 * @param perIp per client IP (IPv6 per /64)
	 * @param perAccount per account key given by the caller
	 */
	public record Limit(Rate perIp, Rate perAccount) {

		static Limit withDefaults(Limit configured, String perIp, String perAccount) {
			Rate ip = (configured != null && configured.perIp() != null) ? configured.perIp()
					: (perIp != null) ? Rate.valueOf(perIp) : null;
			Rate account = (configured != null && configured.perAccount() != null) ? configured.perAccount()
					: (perAccount != null) ? Rate.valueOf(perAccount) : null;
			return new Limit(ip, account);
		}

	}

	/**
	 * A limit for any route:
	 * {@code portcullis.rate-limit.rules.<name>.paths=/v1/tokens/**} with {@code per-ip}
	 * and/or {@code per-account}. The account key of a rule is the value of the request
	 * header {@code account-header} (hashed before it reaches Redis); without that header
	 * only the per-IP rate applies. A rule's name can also be passed to
	 * {@link RateLimiter#check}.
	 *
	 * @param paths path patterns ({@code PathPattern} syntax); none means the rule is
	 * only applied where code asks for it by name
	 * @param methods HTTP methods; default all
	 */
	public record Rule(@DefaultValue List<String> paths, @DefaultValue List<String> methods, Rate perIp,
			Rate perAccount, String accountHeader) {

		Limit limit() {
			return new Limit(this.perIp, this.perAccount);
		}

	}

}
