package dev.portcullis.browser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Serves {@code /portcullis.js} (cacheable, with an ETag, so apps on other origins can
 * import it) and the account pages with their assets. The set of files is fixed at
 * startup; an unknown asset name is a 404.
 */
@RestController
class BrowserController {

	private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

	private static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	/**
	 * Long enough to spare repeated downloads, short enough that an upgrade reaches apps
	 * soon.
	 */
	private static final CacheControl MODULE_CACHE = CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic();

	private final BrowserAsset client = BrowserAsset.load("portcullis.js", JAVASCRIPT);

	private final BrowserAsset accountPage = BrowserAsset.load("account.html", HTML);

	private final BrowserAsset resetPage = BrowserAsset.load("reset-password.html", HTML);

	private final Map<String, BrowserAsset> pageAssets = Map.of("account.css", BrowserAsset.load("account.css", CSS),
			"account.js", BrowserAsset.load("account.js", JAVASCRIPT), "reset-password.js",
			BrowserAsset.load("reset-password.js", JAVASCRIPT), "common.js",
			BrowserAsset.load("common.js", JAVASCRIPT));

	private final BrowserHeaders headers;

	BrowserController(BrowserHeaders headers) {
		this.headers = headers;
	}

	@Operation(summary = "The browser client module (js-client.md)")
	@GetMapping("/portcullis.js")
	Mono<ResponseEntity<byte[]>> client(ServerWebExchange exchange) {
		return Mono.just(answer(exchange, this.client, MODULE_CACHE, this.headers::module));
	}

	@Hidden
	@GetMapping("/account")
	Mono<ResponseEntity<byte[]>> account(ServerWebExchange exchange) {
		return Mono.just(answer(exchange, this.accountPage, CacheControl.noCache(), this.headers::page));
	}

	@Hidden
	@GetMapping("/account/reset-password")
	Mono<ResponseEntity<byte[]>> resetPassword(ServerWebExchange exchange) {
		// The page carries a reset token in its URL: never stored by a cache.
		return Mono.just(answer(exchange, this.resetPage, CacheControl.noStore(), this.headers::page));
	}

	@Hidden
	@GetMapping("/account/assets/{name}")
	Mono<ResponseEntity<byte[]>> asset(@PathVariable String name, ServerWebExchange exchange) {
		BrowserAsset asset = this.pageAssets.get(name);
		if (asset == null) {
			return Mono.error(BrowserProblems.noSuchFile());
		}
		return Mono.just(answer(exchange, asset, CacheControl.noCache(), this.headers::page));
	}

	private static ResponseEntity<byte[]> answer(ServerWebExchange exchange, BrowserAsset asset,
			CacheControl cacheControl, Consumer<HttpHeaders> securityHeaders) {
		HttpHeaders headers = new HttpHeaders();
		securityHeaders.accept(headers);
		headers.setETag(asset.etag());
		headers.setCacheControl(cacheControl);
		if (exchange.getRequest().getHeaders().getIfNoneMatch().contains(asset.etag())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
		}
		headers.setContentType(asset.type());
		return ResponseEntity.ok().headers(headers).body(asset.content());
	}

}
