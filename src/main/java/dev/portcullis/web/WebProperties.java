package dev.portcullis.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser-facing settings.
 *
 * @param allowedOrigins SPA origins allowed to call with credentials; default none
 */
@ConfigurationProperties("portcullis.cors")
record WebProperties(@DefaultValue List<String> allowedOrigins) {

}
