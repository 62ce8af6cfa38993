package dev.portcullis.account;

import java.util.List;
import java.util.UUID;

/** The {@code user} object of the HTTP contract. */
public record UserView(UUID id, String email, String name, boolean emailVerified, List<String> roles,
		boolean twoFactorEnabled) {

	public static UserView of(User user) {
		return new UserView(user.id(), user.email(), user.name(), user.emailVerified(), user.roles(),
				user.twoFactorEnabled());
	}

}
