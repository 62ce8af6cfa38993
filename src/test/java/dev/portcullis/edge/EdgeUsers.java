package dev.portcullis.edge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.TestInfrastructure;

/** Signed-in users for the edge tests. */
final class EdgeUsers {

	private EdgeUsers() {
	}

	/** A new user given the role admin in the database (read at sign-in), signed in. */
	static JsonNode signedInAdmin(AuthClient auth) {
		String email = AuthClient.uniqueEmail();
		JsonNode user = auth.signUp(email);
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement statement = db
					.prepareStatement("update users set roles = '{user,admin}' where id = ?")) {
			statement.setObject(1, UUID.fromString(user.at("/user/id").asString()));
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return auth.signIn(email);
	}

}
