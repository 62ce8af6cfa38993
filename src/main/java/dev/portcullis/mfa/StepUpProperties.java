package dev.portcullis.mfa;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fresh authentication for sensitive actions.
 *
 * @param maxAge how long after {@code auth_time} an access token still counts as fresh;
 * default 10m
 */
@ConfigurationProperties("portcullis.step-up")
record StepUpProperties(@DefaultValue("10m") Duration maxAge) {

}
