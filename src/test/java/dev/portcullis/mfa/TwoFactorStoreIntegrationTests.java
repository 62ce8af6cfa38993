package dev.portcullis.mfa;

import java.util.Locale;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;

import dev.portcullis.support.AuthClient;
import dev.portcullis.support.IntegrationTest;
import dev.portcullis.support.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** The single-use decisions, straight against PostgreSQL with many concurrent callers. */
class TwoFactorStoreIntegrationTests extends IntegrationTest {

	private static final int CALLERS = 40;

	@Autowired
	private TotpSecrets secrets;

	@Autowired
	private BackupCodes backupCodes;

	@Autowired
	private BackupCodeRegeneration regeneration;

	@Test
	void ofManyConcurrentClaimsOfOneStepExactlyOneWinsAndOlderStepsLoseAfterwards() {
		UUID user = newUser();
		StepVerifier.create(this.secrets.storePending(user, new byte[20], Instant.now()))
			.expectNext(user)
			.verifyComplete();
		StepVerifier.create(this.secrets.confirm(user, 100, Instant.now())).expectNext(true).verifyComplete();

		List<Boolean> claims = concurrently(() -> this.secrets.claimStep(user, 101));

		assertThat(claims).hasSize(CALLERS).filteredOn(Boolean::booleanValue).hasSize(1);
		StepVerifier.create(this.secrets.claimStep(user, 100)).expectNext(false).verifyComplete();
		StepVerifier.create(this.secrets.claimStep(user, 101)).expectNext(false).verifyComplete();
		StepVerifier.create(this.secrets.claimStep(user, 102)).expectNext(true).verifyComplete();
	}

	@Test
	void aConfirmedSecretIsNeverReplacedOrConfirmedAgain() {
		UUID user = newUser();
		StepVerifier.create(this.secrets.storePending(user, new byte[20], Instant.now()))
			.expectNext(user)
			.verifyComplete();
		List<Boolean> confirmations = concurrently(() -> this.secrets.confirm(user, 7, Instant.now()));
		assertThat(confirmations).filteredOn(Boolean::booleanValue).hasSize(1);

		StepVerifier.create(this.secrets.storePending(user, new byte[20], Instant.now())).verifyComplete();
		StepVerifier.create(this.secrets.find(user).map(TotpSecrets.StoredSecret::confirmed))
			.expectNext(true)
			.verifyComplete();
	}

	@Test
	void ofManyConcurrentUsesOfOneBackupCodeExactlyOneSucceeds() {
		UUID user = newUser();
		List<String> codes = BackupCodeFormat.generate();
		StepVerifier
			.create(this.secrets.storePending(user, new byte[20], Instant.now())
				.then(this.secrets.confirm(user, 1, Instant.now()))
				.then(this.backupCodes.replace(user, codes, Instant.now())))
			.verifyComplete();

		List<Integer> uses = Flux.range(0, CALLERS)
			.flatMap((i) -> this.backupCodes.use(user, codes.get(0))
				.defaultIfEmpty(-1)
				.subscribeOn(Schedulers.parallel()))
			.collectList()
			.block();

		assertThat(uses).hasSize(CALLERS).filteredOn((remaining) -> remaining >= 0).containsExactly(9);
		StepVerifier.create(this.backupCodes.use(user, codes.get(1).toUpperCase(Locale.ROOT)))
			.expectNext(8)
			.verifyComplete();
		StepVerifier.create(this.backupCodes.use(user, "zzzzz-zzzzz")).verifyComplete();
	}

	@Test
	void concurrentRegenerationsLeaveExactlyOneSetOfCodes() throws SQLException {
		UUID user = newUser();
		List<List<String>> sets = Flux.range(0, CALLERS)
			.flatMap((i) -> this.regeneration.replace(user).subscribeOn(Schedulers.parallel()))
			.collectList()
			.block();

		assertThat(sets).hasSize(CALLERS);
		try (Connection db = TestInfrastructure.get().connect();
				PreparedStatement count = db.prepareStatement("select count(*) from backup_codes where user_id = ?")) {
			count.setObject(1, user);
			ResultSet row = count.executeQuery();
			row.next();
			assertThat(row.getInt(1)).isEqualTo(BackupCodeFormat.PER_SET);
		}
	}

	@Test
	void backupCodesOfAPendingEnrollmentDoNotWork() {
		UUID user = newUser();
		List<String> codes = BackupCodeFormat.generate();
		StepVerifier
			.create(this.secrets.storePending(user, new byte[20], Instant.now())
				.then(this.backupCodes.replace(user, codes, Instant.now())))
			.verifyComplete();
		StepVerifier.create(this.backupCodes.use(user, codes.get(0))).verifyComplete();
	}

	private List<Boolean> concurrently(java.util.function.Supplier<Mono<Boolean>> call) {
		return Flux.range(0, CALLERS)
			.flatMap((i) -> Mono.defer(call).subscribeOn(Schedulers.parallel()))
			.collectList()
			.block();
	}

	private UUID newUser() {
		return UUID.fromString(auth().signUp(AuthClient.uniqueEmail()).get("user").get("id").asString());
	}

}
