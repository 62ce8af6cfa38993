package dev.portcullis.fuzz;

import java.util.List;

/** One method and path template of the OpenAPI description, with its body's fields. */
record Operation(String method, String template, List<String> fields) {

	/** The path with every {@code {parameter}} replaced by {@code id}, URL-encoded. */
	String path(String id) {
		return this.template.replaceAll("\\{[^}]+}",
				java.util.regex.Matcher.quoteReplacement(OpenApiFuzzTests.encode(id)));
	}

	@Override
	public String toString() {
		return this.method + " " + this.template;
	}

}
