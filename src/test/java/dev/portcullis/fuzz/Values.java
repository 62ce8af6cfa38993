package dev.portcullis.fuzz;

import java.util.List;

/** Boundary and hostile values the generators draw from. */
final class Values {

	static final List<String> IDS = List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
			"ffffffff-ffff-ffff-ffff-ffffffffffff", "../../etc/passwd", "%00", "' OR '1'='1", "-1", "0",
			"9223372036854775808", "1e309", "ü😀\u202e", "a".repeat(2000), "{id}", ".", "..", "current", "null", "true",
			"[]");

	static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=UTF-8",
			"application/json; charset=UTF-16", "application/json; charset=bogus", "application/problem+json",
			"application/merge-patch+json", "text/plain", "text/html", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=----x", "application/octet-stream",
			"*/*", "garbage", "application/json;;;", "");

	static final List<String> HEADER_NAMES = List.of("Accept", "Accept-Encoding", "Accept-Charset", "Content-Encoding",
			"Cookie", "Origin", "Referer", "X-Forwarded-For", "Forwarded", "X-Forwarded-Host", "X-Forwarded-Proto",
			"X-CSRF-Token", "X-XSRF-TOKEN", "User-Agent", "If-None-Match", "Range", "Transfer-Encoding-Ext",
			"X-HTTP-Method-Override", "Accept-Language");

	static final List<String> HEADER_VALUES = List.of("application/json", "text/html", "application/xml", "*/*;q=0",
			"gzip", "br, deflate", "identity;q=0", "portcullis_refresh=" + OpenApiFuzzTests.SECRET,
			"portcullis_refresh=" + OpenApiFuzzTests.SECRET + "; XSRF-TOKEN=" + OpenApiFuzzTests.SECRET,
			"portcullis_refresh=; portcullis_refresh=x", "https://evil.example", "null", "http://localhost",
			"256.1.1.1, 127.0.0.1", "for=\"[::1]:80\";proto=https", "1.2.3.4:99999", "DELETE", "bytes=0-1,2-3",
			"\"" + "a".repeat(1500) + "\"", "x".repeat(1500), "", " ", "\t");

	static final List<String> TOKENS = List.of(OpenApiFuzzTests.SECRET, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
			"eyJhbGciOiJIUzI1NiJ9." + OpenApiFuzzTests.SECRET + ".x", "a.b.c", "....", "Bearer",
			"eyJ" + "A".repeat(3000));

	private Values() {
	}

}
