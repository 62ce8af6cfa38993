package dev.portcullis.token;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.portcullis.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Near the end of the rotation period the ring publishes the next key, which does not
 * sign yet: resource servers see it in the JWKS at least two max-ages before it is used.
 */
class SigningKeyRotationIntegrationTests extends IntegrationTest {

	@Autowired
	SigningKeyRing ring;

	@AfterEach
	void reloadAtRealTime() {
		this.clock.reset();
		this.ring.reload().block(Duration.ofSeconds(10));
	}

	@Test
	void nextKeyIsPublishedBeforeItSigns() {
		KeySet before = this.ring.reload().block(Duration.ofSeconds(10));
		String signing = before.signing().kid();

		this.clock.advance(Duration.ofDays(30).minus(Duration.ofMinutes(19)));
		KeySet nearRotation = this.ring.reload().block(Duration.ofSeconds(10));

		assertThat(nearRotation.signing().kid()).isEqualTo(signing);
		assertThat(nearRotation.published().getKeys()).hasSizeGreaterThan(before.published().getKeys().size());
		this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectBody()
			.jsonPath("$.keys.length()")
			.isEqualTo(nearRotation.published().getKeys().size());
	}

}
