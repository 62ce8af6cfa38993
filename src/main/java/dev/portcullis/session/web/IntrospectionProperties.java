package dev.portcullis.session.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Services allowed to call {@code POST /v1/tokens/introspect}.
 *
 * @param clients {@code id:secret} pairs (HTTP Basic credentials); default none, which
 * refuses every caller
 */
@ConfigurationProperties("portcullis.introspection")
record IntrospectionProperties(@DefaultValue List<String> clients) {

	@Override
	public String toString() {
		return "IntrospectionProperties[clients=<" + this.clients.size() + " hidden>]";
	}

}
