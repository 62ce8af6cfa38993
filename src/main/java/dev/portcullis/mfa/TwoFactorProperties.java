package dev.portcullis.mfa;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Two-factor authentication.
 *
 * @param issuer the issuer shown in authenticator apps (the {@code otpauth} URI's
 * {@code issuer} and label prefix); default {@code Portcullis}
 * @param challengeTtl how long the {@code mfaToken} of a sign-in challenge stays valid;
 * default 5m
 */
@Validated
@ConfigurationProperties("portcullis.two-factor")
record TwoFactorProperties(@DefaultValue("Portcullis") @NotBlank String issuer,
		@DefaultValue("5m") Duration challengeTtl) {

}
