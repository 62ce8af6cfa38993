package dev.portcullis.web;

import java.util.concurrent.RejectedExecutionException;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
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
	void anUnreachableDatabaseIsServiceUnavailableWithRetryAfter() {
		for (Throwable outage : new Throwable[] {
				new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
						new R2dbcNonTransientResourceException("Connection refused")),
				new CannotCreateTransactionException("no connection"),
				new IllegalStateException(new R2dbcTransientResourceException("connection closed")) }) {
			ProblemException problem = ProblemExceptionHandler.toProblem(outage);
			assertThat(problem.status().value()).isEqualTo(503);
			assertThat(problem.code()).isEqualTo("service_unavailable");
			assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("5");
		}
	}

	@Test
	void aDatabaseErrorThatIsNotAnOutageStaysInternal() {
		ProblemException problem = ProblemExceptionHandler.toProblem(
				new DataIntegrityViolationException("duplicate key", new R2dbcDataIntegrityViolationException()));
		assertThat(problem.status().value()).isEqualTo(500);
		assertThat(problem.code()).isEqualTo("internal_error");
	}

	@Test
	void anUnexpectedFailureRevealsNothingOfItsCause() {
		ProblemException problem = ProblemExceptionHandler
			.toProblem(new IllegalStateException("relation \"users\" does not exist at org.postgresql..."));
		assertThat(problem.status().value()).isEqualTo(500);
		assertThat(problem.code()).isEqualTo("internal_error");
		assertThat(problem.detail()).doesNotContain("users", "postgresql", "IllegalState");
	}

	@Test
	void anUnknownCharsetInTheContentTypeIsAnUnsupportedMediaTypeNotAServerError() {
		ProblemException problem = ProblemExceptionHandler
			.toProblem(new org.springframework.http.InvalidMediaTypeException("application/json; charset=bogus",
					"unsupported charset 'bogus'"));
		assertThat(problem.status().value()).isEqualTo(415);
		assertThat(problem.code()).isEqualTo("unsupported_media_type");
	}

}
