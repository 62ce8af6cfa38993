package dev.portcullis.crypto;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The per-purpose HMAC secrets against the run's database. */
class HmacKeysIntegrationTests extends IntegrationTest {

	@Autowired
	HmacKeys keys;

	@Autowired
	MasterKeys masterKeys;

	@Autowired
	DatabaseClient db;

	@Autowired
	SecretBox box;

	@Autowired
	ReactiveTransactionManager transactions;

	@Test
	void aPurposesFirstSecretIsTheOneTheVersionBeforeDerivedSoUpgradingChangesNothing() throws Exception {
		String purpose = "test-" + UUID.randomUUID();

		Hmac hmac = this.keys.current(purpose).block(Duration.ofSeconds(10));

		assertThat(hmac.id()).isEqualTo("hmac:1");
		// HMAC-SHA256 of "portcullis/<purpose>" under the master key, as before keyrings
		Mac legacy = Mac.getInstance("HmacSHA256");
		legacy.init(new SecretKeySpec(this.masterKeys.legacyKey(this.masterKeys.activeId()), "HmacSHA256"));
		Mac expected = Mac.getInstance("HmacSHA256");
		expected.init(new SecretKeySpec(legacy.doFinal(("portcullis/" + purpose).getBytes(StandardCharsets.UTF_8)),
				"HmacSHA256"));
		assertThat(hmac.sign("parent")).isEqualTo(expected.doFinal("parent".getBytes(StandardCharsets.UTF_8)));
		assertThat(storedSecrets(purpose)).singleElement()
			.satisfies((sealed) -> assertThat(sealed).startsWith("v2:" + this.masterKeys.activeId() + ":"));
	}

	@Test
	void instancesRacingOnAFirstUseAllGetTheOneSecretThatWasStored() throws Exception {
		String purpose = "test-" + UUID.randomUUID();

		List<byte[]> signatures = Flux.range(0, 20)
			.flatMap((i) -> new HmacKeys(this.db, this.box, this.masterKeys, this.clock, this.transactions)
				.current(purpose)
				.map((hmac) -> hmac.sign("x")))
			.collectList()
			.block(Duration.ofSeconds(20));

		assertThat(signatures).hasSize(20)
			.allSatisfy((signature) -> assertThat(signature).isEqualTo(signatures.get(0)));
		assertThat(storedSecrets(purpose)).hasSize(1);
	}

	@Test
	void aValueKeyedBeforeVersionsIsCheckedWithItsMasterKeysDerivationWhileThatKeyIsInTheRing() {
		Hmac legacy = this.keys.byId("backup-code", this.masterKeys.activeId()).block(Duration.ofSeconds(10));

		assertThat(legacy.id()).isEqualTo(this.masterKeys.activeId());
		assertThatIllegalStateException()
			.isThrownBy(() -> this.keys.byId("backup-code", "gone1234").block(Duration.ofSeconds(10)))
			.withMessageContaining("gone1234");
	}

	private static List<String> storedSecrets(String purpose) throws Exception {
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement select = db.prepareStatement("select secret from hmac_secrets where purpose = ?")) {
			select.setString(1, purpose);
			try (ResultSet rows = select.executeQuery()) {
				List<String> secrets = new ArrayList<>();
				while (rows.next()) {
					secrets.add(rows.getString(1));
				}
				return secrets;
			}
		}
	}

}
