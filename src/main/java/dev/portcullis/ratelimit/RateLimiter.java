package dev.portcullis.ratelimit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Counts one request against a named limit, per client IP and, when an account key is
 * given, per account, and refuses it with {@code 429 rate_limited} when any of them is
 * exhausted. Also writes the {@code RateLimit-*} headers of the limit closest to
 * exhaustion on the response, allowed or not.
 */
public interface RateLimiter {

	/** {@code portcullis.rate-limit.sign-in.*}. */
	String SIGN_IN = "sign-in";

	/** {@code portcullis.rate-limit.sign-up.*}. */
	String SIGN_UP = "sign-up";

	/**
	 * {@code portcullis.rate-limit.email.*}: send-verification-email and password/forgot.
	 */
	String EMAIL = "email";

	/** {@code portcullis.rate-limit.two-factor.*}: second-factor codes. */
	String TWO_FACTOR = "two-factor";

	/**
	 * {@code portcullis.rate-limit.client-credentials.*}: {@code POST /oauth2/token}, per
	 * client id.
	 */
	String CLIENT_CREDENTIALS = "client-credentials";

	/**
	 * {@code portcullis.rate-limit.password-change.*}: attempts at
	 * {@code /password/change}.
	 */
	String PASSWORD_CHANGE = "password-change";

	/**
	 * {@code portcullis.rate-limit.refresh-failures.*}: failed refreshes, used with
	 * {@link #checkFailures} and {@link #recordFailure}.
	 */
	String REFRESH_FAILURES = "refresh-failures";

	/**
	 * Completes empty when allowed, errors with a {@code 429 rate_limited}
	 * {@link dev.portcullis.support.ProblemException} carrying {@code Retry-After} when
	 * not.
	 * @param limit one of the names above, or a rule declared in configuration
	 * @param exchange the request, for the client IP and the response headers
	 * @param account the account key (an email as typed, or a user id), or null to count
	 * per IP only
	 */
	Mono<Void> check(String limit, ServerWebExchange exchange, @Nullable String account);

	/**
	 * Counts one request against a rate that is not a configured limit, such as an edge
	 * route's {@code rate-limit}: per account when one is given, else per client IP (one
	 * counter either way). Same script, headers, refusal and {@code fail-open} as
	 * {@link #check(String, ServerWebExchange, String)}.
	 * @param limit a name that keeps these counters apart from every other limit's
	 */
	Mono<Void> check(String limit, Rate rate, ServerWebExchange exchange, @Nullable String account);

	/**
	 * For limits on failures only: errors with {@code 429 rate_limited} (and
	 * {@code Retry-After}) when this client's failures have used up the limit, counting
	 * nothing. It is a brake on abuse, not a brute-force guard, so it lets the request
	 * through whenever the limiter is unavailable, whatever {@code fail-open} says.
	 */
	Mono<Void> checkFailures(String limit, ServerWebExchange exchange);

	/** Counts one failure of this client against the limit; never errors. */
	Mono<Void> recordFailure(String limit, ServerWebExchange exchange);

}
