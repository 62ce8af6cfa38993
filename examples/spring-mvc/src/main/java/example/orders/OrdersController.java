package example.orders;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrdersController {

	/** Open to service tokens with {@code orders:read} and to signed-in users. */
	@GetMapping("/orders")
	Map<String, Object> orders(@AuthenticationPrincipal Jwt jwt) {
		return Map.of("caller", jwt.getSubject(), "orders", List.of(Map.of("id", 1, "item", "portcullis")));
	}

	/** Who the token says the caller is, and the authorities it maps to. */
	@GetMapping("/me")
	Map<String, Object> me(JwtAuthenticationToken authentication) {
		return Map.of("sub", authentication.getName(), "authorities",
				authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
	}

	@GetMapping("/admin/report")
	Map<String, Object> adminReport() {
		return Map.of("report", "ok");
	}

}
