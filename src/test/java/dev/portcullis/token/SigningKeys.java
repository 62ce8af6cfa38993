package dev.portcullis.token;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

/** Lets tests in any package make an instance reload its signing keys now. */
public final class SigningKeys {

	private SigningKeys() {
	}

	public static void reload(ApplicationContext instance) {
		instance.getBean(SigningKeyRing.class).reload().block(Duration.ofSeconds(30));
	}

}
