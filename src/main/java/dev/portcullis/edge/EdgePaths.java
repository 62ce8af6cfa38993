package dev.portcullis.edge;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which requests the edge answers: forward auth ({@code /v1/edge/verify} and below) and
 * every configured route's path. The edge authenticates these itself, by each route's own
 * rule, so the security chain lets them through to it, the browser-origin check leaves
 * them alone (a bearer token is no ambient credential; routes have Spring Cloud Gateway's
 * CORS configuration), and the 64 KiB body limit, which is Portcullis' own, does not
 * apply to bodies streamed to a backend.
 */
@Component
public class EdgePaths {

	private static final List<PathPattern> FORWARD_AUTH = List.of(
			PathPatternParser.defaultInstance.parse(ForwardAuthController.PATH),
			PathPatternParser.defaultInstance.parse(ForwardAuthController.PATH + "/**"));

	private final List<PathPattern> routes;

	EdgePaths(EdgeProperties properties) {
		this.routes = properties.routes().values().stream().map((route) -> parse(route.path())).toList();
	}

	static PathPattern parse(String path) {
		return PathPatternParser.defaultInstance.parse(path);
	}

	/** A forward-auth request or one for a configured route. */
	public boolean matches(ServerHttpRequest request) {
		PathContainer path = request.getPath().pathWithinApplication();
		return matchesAny(FORWARD_AUTH, path) || matchesAny(this.routes, path);
	}

	/** A request for a configured route, streamed to a backend. */
	public boolean routed(ServerHttpRequest request) {
		return !this.routes.isEmpty() && matchesAny(this.routes, request.getPath().pathWithinApplication());
	}

	private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

}
