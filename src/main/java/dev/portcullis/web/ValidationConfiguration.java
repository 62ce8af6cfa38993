package dev.portcullis.web;

import java.util.Locale;
import java.util.Set;

import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;

import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Validation messages are English and their resource bundles are loaded at startup. Left
 * to itself, Hibernate Validator reads its bundles from the jar on the first constraint
 * violation, which is a blocking file read on an event-loop thread.
 */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

	@Bean
	ValidationConfigurationCustomizer preloadedEnglishMessages() {
		return (configuration) -> configuration.messageInterpolator(new ResourceBundleMessageInterpolator(
				Set.of(Locale.ENGLISH), Locale.ENGLISH, (context) -> Locale.ENGLISH, true));
	}

}
