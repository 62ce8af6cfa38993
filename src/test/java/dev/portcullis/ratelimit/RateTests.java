package dev.portcullis.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateTests {

	@Test
	void parsesCountSlashWindowInSpringsDurationForms() {
		assertThat(Rate.valueOf("20/10m")).isEqualTo(new Rate(20, Duration.ofMinutes(10)));
		assertThat(Rate.valueOf(" 5 / 1h ")).isEqualTo(new Rate(5, Duration.ofHours(1)));
		assertThat(Rate.valueOf("3/PT30S")).isEqualTo(new Rate(3, Duration.ofSeconds(30)));
		assertThat(Rate.valueOf("2/1000ms").window()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void printsAsItIsWritten() {
		assertThat(Rate.valueOf("20/10m")).hasToString("20/10m");
	}

	@Test
	void refusesWhatIsNotARate() {
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.valueOf("20"));
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.valueOf("0/10m"));
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.valueOf("5/0s"));
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.valueOf("many/10m"));
	}

}
