package dev.portcullis.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
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
			return new ProblemException(HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields.",
					Map.of("errors", errors), HttpHeaders.EMPTY);
		}
		if (isTooLarge(ex)) {
			return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
					"The request body is larger than 64 KiB.");
		}
		if (ex instanceof UnsupportedMediaTypeStatusException) {
			return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
					"Send the request body as application/json.");
		}
		if (ex instanceof ServerWebInputException input) {
			return ProblemException.badRequest("malformed_request", inputDetail(input));
		}
		if (ex instanceof MethodNotAllowedException notAllowed) {
			HttpHeaders headers = new HttpHeaders();
			headers.setAllow(notAllowed.getSupportedMethods());
			return new ProblemException(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
					"This method is not allowed here.", Map.of(), headers);
		}
		if (ex instanceof RejectedExecutionException) {
			// The bounded offload queue is full: shed load rather than queue without
			// bound.
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "1");
			return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
					"The service is overloaded; retry shortly.", Map.of(), headers);
		}
		if (DatabaseOutage.isCause(ex)) {
			return DatabaseOutage.problem(ex);
		}
		if (ex instanceof ResponseStatusException status) {
			return fromStatus(HttpStatus.valueOf(status.getStatusCode().value()));
		}
		logger.error("Unexpected error", ex);
		return new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
				"Something went wrong on our side.");
	}

	private static ProblemException fromStatus(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> ProblemException.notFound("not_found", "No such resource.");
			case NOT_ACCEPTABLE -> new ProblemException(status, "not_acceptable", "This resource is served as JSON.");
			default -> new ProblemException(status, status.name().toLowerCase(), status.getReasonPhrase() + ".");
		};
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
		return constraint.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
	}

}
