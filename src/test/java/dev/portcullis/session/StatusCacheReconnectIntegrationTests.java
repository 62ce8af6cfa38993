package dev.portcullis.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lettuce re-subscribes after a reconnect without telling anyone, so a revocation
 * published while the connection was down is never seen; the status cache must be cleared
 * on the reconnect itself. The test kills this JVM's own Redis connections (found by
 * client name) and revokes a session in the database without publishing.
 */
class StatusCacheReconnectIntegrationTests extends IntegrationTest {

	@Test
	void aReconnectOfTheRedisClientClearsTheStatusCache() throws Exception {
		JsonNode tokens = auth().newSignedInUser();
		String access = tokens.get("accessToken").asString();
		UUID sessionId = UUID.fromString(tokens.get("session").get("id").asString());
		auth().get("/v1/auth/session", access).expectStatus().isOk();

		revokeWithoutPublishing(sessionId);
		auth().get("/v1/auth/session", access).expectStatus().isOk();

		assertThat(killOwnRedisConnections()).isPositive();

		// well inside the 10 s status-cache TTL, after which the entry would go anyway
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> auth().get("/v1/auth/session", access).returnResult(Void.class).getStatus().value() == 401);
	}

	private static void revokeWithoutPublishing(UUID sessionId) throws Exception {
		try (Connection connection = TestInfrastructure.get().connect();
				PreparedStatement update = connection
					.prepareStatement("update sessions set revoked_at = now(), revoked_reason = 'test' where id = ?")) {
			update.setObject(1, sessionId);
			assertThat(update.executeUpdate()).isEqualTo(1);
		}
	}

	private static long killOwnRedisConnections() {
		RedisClient client = RedisClient.create(TestInfrastructure.get().redisUrl());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			String name = "name=" + TestInfrastructure.get().redisClientName() + " ";
			long killed = 0;
			for (String line : connection.sync().clientList().split("\n")) {
				if (line.contains(name)) {
					String id = line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
					killed += connection.sync().clientKill(KillArgs.Builder.id(Long.parseLong(id)));
				}
			}
			return killed;
		}
		finally {
			client.shutdown();
		}
	}

}
