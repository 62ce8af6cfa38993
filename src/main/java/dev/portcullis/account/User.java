package dev.portcullis.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account. {@code passwordHash} is an Argon2id PHC string, never the password. */
public record User(UUID id, String email, String name, String passwordHash, boolean emailVerified, List<String> roles,
		boolean twoFactorEnabled, Instant createdAt) {

	public User {
		roles = List.copyOf(roles);
	}

	public boolean isAdmin() {
		return this.roles.contains("admin");
	}

	@Override
	public String toString() {
		return "User[id=" + this.id + "]";
	}

}
