package dev.portcullis.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password rules.
 *
 * @param minLength default 8
 * @param maxLength default 128 (bounds the hashing cost of a hostile input)
 * @param minStrength zxcvbn score 0–4 a password must reach; default 2
 */
@ConfigurationProperties("portcullis.password")
record PasswordProperties(@DefaultValue("8") int minLength, @DefaultValue("128") int maxLength,
		@DefaultValue("false") boolean requireUppercase, @DefaultValue("false") boolean requireLowercase,
		@DefaultValue("false") boolean requireDigit, @DefaultValue("false") boolean requireSymbol,
		@DefaultValue("2") int minStrength) {

}
