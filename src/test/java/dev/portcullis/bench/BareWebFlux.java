package dev.portcullis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The framework ceiling of the benchmark ({@code src/bench/run.sh}): a bare Spring Boot
 * WebFlux app on Reactor Netty that answers {@code GET /.well-known/jwks.json} with the
 * bytes the gateway served, and nothing else (no security chain, no observations, no
 * filters). Run with the test classpath:
 * {@code java -cp target/test-classes:<test classpath> dev.portcullis.bench.BareWebFlux <jwks file> <port>}.
 * <p>
 * Deliberately not a {@code @Configuration}: component scanning in the tests must not
 * pick it up.
 */
@ImportAutoConfiguration({ NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
		WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class })
public class BareWebFlux {

	private static byte[] jwks;

	public static void main(String[] args) throws IOException {
		jwks = Files.readAllBytes(Path.of(args[0]));
		SpringApplication app = new SpringApplication(BareWebFlux.class);
		app.setDefaultProperties(java.util.Map.of("server.port", args[1], "spring.main.banner-mode", "off"));
		app.run();
	}

	@Bean
	RouterFunction<ServerResponse> jwksRoute() {
		return RouterFunctions.route()
			.GET("/.well-known/jwks.json",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.APPLICATION_JSON)
						.header("Cache-Control", "public, max-age=300")
						.bodyValue(jwks))
			.build();
	}

}
