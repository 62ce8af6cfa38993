package dev.portcullis.fuzz;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A generated request; its {@code toString} is what a failing try reports. */
record FuzzRequest(Operation operation, String path, String query, String contentType, String body,
		Map<String, String> headers, String bearer) {

	HttpRequest.Builder build(int port) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + this.path + this.query));
		this.headers.forEach(request::setHeader);
		if (this.bearer != null) {
			request.setHeader("Authorization", "Bearer " + this.bearer);
		}
		boolean hasBody = !this.operation.method().equals("GET") && !this.operation.method().equals("DELETE");
		if (hasBody) {
			request.setHeader("Content-Type", this.contentType);
		}
		return request.method(this.operation.method(),
				hasBody ? HttpRequest.BodyPublishers.ofByteArray(this.body.getBytes(StandardCharsets.UTF_8))
						: HttpRequest.BodyPublishers.noBody());
	}

	@Override
	public String toString() {
		String shown = (this.body.length() > 300) ? this.body.substring(0, 300) + "…(" + this.body.length() + ")"
				: this.body;
		return this.operation.method() + " " + this.path + this.query + " [" + this.contentType + "] headers="
				+ this.headers + " bearer="
				+ ((this.bearer != null) ? this.bearer.substring(0, Math.min(12, this.bearer.length())) + "…" : "none")
				+ " body=" + shown;
	}

}
