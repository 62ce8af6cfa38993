package dev.portcullis.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The crypto feature's own sealed column: the per-purpose HMAC secrets. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

	@Bean
	SealedColumn hmacSecretsColumn() {
		return HmacKeys.COLUMN;
	}

}
