package dev.portcullis.token;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access tokens (RFC 9068 JWTs).
 *
 * @param ttl lifetime; default 15m
 * @param audience {@code aud} values; default the issuer
 */
@ConfigurationProperties("portcullis.access-token")
record AccessTokenProperties(@DefaultValue("15m") Duration ttl, @DefaultValue List<String> audience) {

}
