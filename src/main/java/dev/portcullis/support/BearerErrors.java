package dev.portcullis.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * OpenAPI: the {@code 401} answers of every route that takes a bearer access token.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiResponse(responseCode = "401", description = "unauthenticated, invalid_token, session_revoked or session_expired")
public @interface BearerErrors {

}
