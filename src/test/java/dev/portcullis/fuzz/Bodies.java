package dev.portcullis.fuzz;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies, all under the 64 KiB limit (bodies over it are refused before they are
 * read, and the client then sees a reset connection rather than the 413; that limit has
 * its own tests): objects with the operation's own field names and hostile values (so
 * that the request gets past parsing into validation and the feature), random JSON of any
 * shape, boundary documents and bytes that are not JSON at all.
 */
final class Bodies {

	private static final JsonMapper json = JsonMapper.builder().build();

	static final List<String> BOUNDARY = List.of("", "{}", "[]", "null", "0", "\"\"", "{", "}", "{\"a\":",
			"[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
			"{\"email\":\"" + "a".repeat(60_000) + "\"}", "\u0000\u0001\u0002", "\uFEFF{}",
			"{\"email\":\"x@example.com\",\"email\":\"y@example.com\"}", "{\"__proto__\":{\"admin\":true}}",
			"{\"password\":\"" + OpenApiFuzzTests.SECRET + "\"}", "{\"n\":1e999999}", "{\"n\":-0.0e-99999}",
			"{\"s\":\"\\ud800\"}", "\"\\u0000\"", "true");

	/**
	 * Built once: jqwik hashes arbitraries, and a deep one rebuilt per try costs seconds.
	 */
	private static final Arbitrary<Object> ANY_VALUE = value(3);

	private static final Arbitrary<Object> FIELD_VALUE = fieldValue();

	private static final Map<Operation, Arbitrary<String>> byOperation = new ConcurrentHashMap<>();

	private Bodies() {
	}

	static Arbitrary<String> forOperation(Operation operation) {
		return byOperation.computeIfAbsent(operation, Bodies::create);
	}

	private static Arbitrary<String> create(Operation operation) {
		Arbitrary<String> anyJson = ANY_VALUE.map(json::writeValueAsString);
		Arbitrary<String> raw = Arbitraries.strings().ofMaxLength(300);
		if (operation.fields().isEmpty()) {
			return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, anyJson),
					net.jqwik.api.Tuple.of(2, Arbitraries.of(BOUNDARY)), net.jqwik.api.Tuple.of(1, raw));
		}
		Arbitrary<String> shaped = Arbitraries.maps(Arbitraries.of(operation.fields()), FIELD_VALUE)
			.ofMaxSize(operation.fields().size())
			.map(json::writeValueAsString);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, shaped), net.jqwik.api.Tuple.of(2, anyJson),
				net.jqwik.api.Tuple.of(1, Arbitraries.of(BOUNDARY)), net.jqwik.api.Tuple.of(1, raw));
	}

	/** Values for a known field: mostly strings, since most fields are. */
	private static Arbitrary<Object> fieldValue() {
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, strings()), net.jqwik.api.Tuple.of(2, value(2)),
				net.jqwik.api.Tuple.of(1, Arbitraries.just(OpenApiFuzzTests.SECRET)));
	}

	private static Arbitrary<Object> strings() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(100), Arbitraries.strings().all().ofMaxLength(30),
				Arbitraries.of("", " ", "a@b", "a@b.c", "user@example.com", "USER@EXAMPLE.COM", "ｕｓｅｒ@example.com",
						"user@exa\u0000mple.com", "123456", "000000", "body", "cookie", "both", "revoke-all-sessions",
						"a".repeat(1_000), "a".repeat(10_000), "2026-01-01T00:00:00Z", "-1", "NaN",
						"<script>alert(1)</script>", "${jndi:ldap://x}", "' OR 1=1--", "\r\nSet-Cookie: x=y"));
	}

	private static Arbitrary<Object> value(int depth) {
		Arbitrary<Object> scalar = Arbitraries.oneOf(strings(), Arbitraries.integers().map(Object.class::cast),
				Arbitraries.longs().map(Object.class::cast), Arbitraries.doubles().map(Object.class::cast),
				Arbitraries.of(true, false), Arbitraries.just(null));
		if (depth == 0) {
			return scalar;
		}
		return Arbitraries.oneOf(scalar, value(depth - 1).list().ofMaxSize(4).map(Object.class::cast),
				Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(10), value(depth - 1))
					.ofMaxSize(4)
					.map(Object.class::cast));
	}

}
