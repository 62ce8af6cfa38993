package dev.portcullis.web;

import java.util.Locale;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;

import dev.portcullis.support.ProblemException;

/**
 * Turns every exception that escapes a handler or a filter into a problem document. It
 * runs before Boot's error handler, so no stack trace, class name or SQL reaches a
 * client: an unexpected exception is logged here and answered as {@code internal_error}.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private final ProblemWriter writer;

	ProblemExceptionHandler(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			// Typically the client went away mid-response: there is nobody left to
			// answer.
			logger.debug("Error after the response was committed", ex);
			return Mono.empty();
		}
		return this.writer.write(exchange, toProblem(ex));
	}

	static ProblemException toProblem(Throwable ex) {
		if (ex instanceof ProblemException problem) {
			return problem;
		}
		if (ex instanceof WebExchangeBindException bind) {
			List<Map<String, String>> errors = bind.getFieldErrors()
				.stream()
				.map(ProblemExceptionHandler::fieldError)
				.toList();
			return ProblemException.validationFailed(errors);
		}
		if (isTooLarge(ex)) {
			return WebProblems.payloadTooLarge();
		}
		if (hasInvalidMediaType(ex)) {
			// e.g. "Content-Type: application/json; charset=bogus", read by a handler
			return WebProblems.unsupportedMediaType();
		}
		if (ex instanceof UnsupportedMediaTypeStatusException) {
			return WebProblems.unsupportedMediaType();
		}
		if (ex instanceof ServerWebInputException input) {
			return WebProblems.malformed(inputDetail(input));
		}
		if (ex instanceof MethodNotAllowedException notAllowed) {
			return WebProblems.methodNotAllowed(notAllowed.getSupportedMethods());
		}
		if (ex instanceof RejectedExecutionException) {
			// The bounded offload queue is full: shed load rather than queue without
			// bound.
			return WebProblems.overloaded();
		}
		if (DatabaseOutage.isCause(ex)) {
			return DatabaseOutage.problem(ex);
		}
		if (ex instanceof ResponseStatusException status) {
			return WebProblems.fromStatus(HttpStatus.valueOf(status.getStatusCode().value()));
		}
		logger.error("Unexpected error", ex);
		return WebProblems.internal();
	}

	private static boolean hasInvalidMediaType(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidMediaTypeException || cause instanceof InvalidMimeTypeException
					|| cause instanceof IllegalCharsetNameException || cause instanceof UnsupportedCharsetException) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return true;
			}
		}
		return false;
	}

	private static String inputDetail(ServerWebInputException input) {
		if (input.getCause() instanceof DecodingException) {
			return "The request body is not valid JSON for this endpoint.";
		}
		return "The request is malformed.";
	}

	private static Map<String, String> fieldError(FieldError error) {
		String code = (error.getCode() != null) ? toSnake(error.getCode()) : "invalid";
		return Map.of("field", error.getField(), "code", code, "message",
				(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid");
	}

	private static String toSnake(String constraint) {
		return constraint.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
