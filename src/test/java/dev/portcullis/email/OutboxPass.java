package dev.portcullis.email;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

/**
 * Lets tests in any package run one pass of an instance's outbox dispatcher, as one poll
 * would, instead of waiting for the poll (tests set the poll interval to an hour).
 */
public final class OutboxPass {

	private OutboxPass() {
	}

	/** Sends every due message of the outbox now; answers how many were claimed. */
	public static long run(ApplicationContext context) {
		return context.getBean(OutboxDispatcher.class).dispatchDue().block(Duration.ofSeconds(30));
	}

}
