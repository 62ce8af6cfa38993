package dev.portcullis.edge;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.portcullis.ratelimit.Rate;

/**
 * {@code portcullis.edge.*}: routes through the gateway to backend services.
 *
 * @param routes by name; default none (then no request is routed and the gateway behaves
 * exactly as without this feature)
 */
@Validated
@ConfigurationProperties("portcullis.edge")
record EdgeProperties(@DefaultValue Map<String, @Valid Route> routes) {

	/** Paths that belong to Portcullis itself: no route may claim them. */
	static final List<String> RESERVED = List.of("/v1", "/.well-known", "/oauth2", "/actuator", "/account",
			"/portcullis.js", "/v3", "/swagger-ui.html", "/swagger-ui", "/webjars");

	EdgeProperties {
		routes = Map.copyOf(routes);
		routes.forEach(EdgeProperties::check);
	}

	private static void check(String name, Route route) {
		String prefix = "portcullis.edge.routes." + name;
		if (route.path() == null || !route.path().startsWith("/")) {
			throw new IllegalStateException(prefix + ".path must start with /");
		}
		String path = route.path().toLowerCase(Locale.ROOT);
		for (String reserved : RESERVED) {
			if (path.equals(reserved) || path.startsWith(reserved + "/") || reserved.startsWith(literalPrefix(path))) {
				throw new IllegalStateException(prefix + ".path " + route.path()
						+ " overlaps Portcullis' own endpoints (" + reserved + "); mount the backend elsewhere");
			}
		}
		if (route.token() == TokenMode.EXCHANGE && (route.audience() == null || route.audience().isBlank())) {
			throw new IllegalStateException(prefix + ".token=exchange needs " + prefix + ".audience");
		}
		if (route.auth() == Auth.NONE && !route.roles().isEmpty()) {
			throw new IllegalStateException(prefix + ".roles needs auth=required (it is none)");
		}
		if (route.exchangedTokenTtl().isNegative() || route.exchangedTokenTtl().isZero()) {
			throw new IllegalStateException(prefix + ".exchanged-token-ttl must be positive");
		}
	}

	/** {@code /api/orders/**} → {@code /api/orders/}; {@code /**} → {@code /}. */
	private static String literalPrefix(String pattern) {
		int wildcard = indexOfAny(pattern, "*?{");
		return (wildcard < 0) ? pattern : pattern.substring(0, wildcard);
	}

	private static int indexOfAny(String value, String characters) {
		for (int i = 0; i < value.length(); i++) {
			if (characters.indexOf(value.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * One backend behind the gateway.
	 *
	 * @param path request path pattern ({@code PathPattern} syntax), such as
	 * {@code /api/orders/**}; may not overlap Portcullis' own endpoints
	 * @param uri the backend, such as {@code http://orders:8080}
	 * @param auth default {@code required}: a valid bearer token of an active session;
	 * {@code optional}: anonymous requests pass without identity headers, a token that is
	 * sent must be valid; {@code none}: no check, the {@code Authorization} header goes
	 * to the backend untouched
	 * @param roles any of these roles is needed (default none needed); requires
	 * {@code auth} other than {@code none}; an anonymous caller of an {@code optional}
	 * route with roles is refused
	 * @param stripPrefix leading path segments removed before forwarding; default 0
	 * @param token default {@code relay}: the caller's token as is; {@code exchange}: a
	 * short-lived token minted for {@link #audience}
	 * @param audience {@code aud} of exchanged tokens; required for {@code exchange}
	 * @param exchangedTokenTtl lifetime of an exchanged token; default {@code 60s} (never
	 * past the caller's token's own expiry)
	 * @param rateLimit {@code count/window} such as {@code 100/1m}, per user (per client
	 * IP when anonymous); default none
	 * @param connectTimeout default {@code 5s}; past it the answer is
	 * {@code 502 upstream_unavailable}
	 * @param responseTimeout default {@code 30s} until the backend's response headers;
	 * past it the answer is {@code 504 upstream_timeout}
	 * @param retries further attempts for idempotent methods ({@code GET}, {@code HEAD},
	 * {@code OPTIONS}, {@code PUT}, {@code DELETE}) when the backend could not be
	 * reached; default 1; a request the backend answered, even with an error, is never
	 * retried
	 */
	record Route(@NotBlank String path, @NotNull URI uri, @DefaultValue("required") Auth auth,
			@DefaultValue List<String> roles, @DefaultValue("0") @Min(0) int stripPrefix,
			@DefaultValue("relay") TokenMode token, String audience, @DefaultValue("60s") Duration exchangedTokenTtl,
			Rate rateLimit, @DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration responseTimeout,
			@DefaultValue("1") @Min(0) int retries) {

		Route {
			roles = List.copyOf(roles);
		}

	}

	/** Who may use a route. */
	enum Auth {

		REQUIRED, OPTIONAL, NONE

	}

	/** Which token a backend receives. */
	enum TokenMode {

		RELAY, EXCHANGE

	}

}
