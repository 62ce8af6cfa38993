package dev.portcullis.web;

import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.server.ServerWebInputException;

import dev.portcullis.support.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionHandlerTests {

	@Test
	void aFullOffloadQueueShedsLoadWithRetryAfter() {
		ProblemException problem = ProblemExceptionHandler.toProblem(new RejectedExecutionException("queue full"));
		assertThat(problem.status().value()).isEqualTo(503);
		assertThat(problem.code()).isEqualTo("overloaded");
		assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("1");
	}

	@Test
	void aBodyOverTheCodecLimitIsTooLargeEvenWhenWrapped() {
		ProblemException problem = ProblemExceptionHandler
			.toProblem(new ServerWebInputException("bad", null, new DataBufferLimitException("limit")));
		assertThat(problem.status().value()).isEqualTo(413);
	}

	@Test
	void anUnexpectedFailureRevealsNothingOfItsCause() {
		ProblemException problem = ProblemExceptionHandler
			.toProblem(new IllegalStateException("relation \"users\" does not exist at org.postgresql..."));
		assertThat(problem.status().value()).isEqualTo(500);
		assertThat(problem.code()).isEqualTo("internal_error");
		assertThat(problem.detail()).doesNotContain("users", "postgresql", "IllegalState");
	}

}
