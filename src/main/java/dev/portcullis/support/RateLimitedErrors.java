package dev.portcullis.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * OpenAPI: a rate-limited route answers {@code 503 rate_limiter_unavailable} when Redis
 * is unreachable and {@code portcullis.rate-limit.fail-open} is off. Its {@code 429}
 * codes differ per route and are listed there.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiResponse(responseCode = "503", description = "rate_limiter_unavailable (Redis unreachable, fail-open off)")
public @interface RateLimitedErrors {

}
