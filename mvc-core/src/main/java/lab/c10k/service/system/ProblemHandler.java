package lab.c10k.service.system;

import lab.c10k.common.problem.ApiException;
import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to a problem of the contract. Details are written here, never copied from an
 * exception, so no SQL, class name or stack trace reaches a client.
 */
@RestControllerAdvice
class ProblemHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	static final String ACCEPT_DETAIL = "Invalid 'Accept': answers are application/json or application/problem+json";

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Problem> api(ApiException ex) {
		return ProblemResponses.of(ex.problem());
	}

	@ExceptionHandler({ NoHandlerFoundException.class, NoResourceFoundException.class })
	ResponseEntity<Problem> noRoute() {
		return ProblemResponses.of(ProblemType.NOT_FOUND, "No such route");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Problem> method(HttpRequestMethodNotSupportedException ex) {
		ResponseEntity<Problem> problem = ProblemResponses.of(ProblemType.METHOD_NOT_ALLOWED,
				"Method " + ex.getMethod() + " is not allowed here");
		String[] allowed = ex.getSupportedMethods();
		return allowed == null ? problem : ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.header(HttpHeaders.ALLOW, StringUtils.arrayToCommaDelimitedString(allowed))
			.body(problem.getBody());
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Problem> mediaType() {
		return ProblemResponses.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json");
	}

	/** Tomcat refuses a query it cannot decode (a bad escape, an empty name) when it is first read. */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Problem> query() {
		return ProblemResponses.of(ProblemType.INVALID_REQUEST, ProblemErrorController.QUERY_UNREADABLE);
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<Problem> notAcceptable() {
		return ProblemResponses.of(ProblemType.INVALID_REQUEST, ACCEPT_DETAIL);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Problem> unreadable() {
		return ProblemResponses.of(ProblemType.INVALID_REQUEST, "Invalid 'body': could not be read");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Problem> failure(Exception ex) {
		if (Outages.isOutage(ex)) {
			log.warn("Outage answered with 503: {}", ex.toString());
			return ProblemResponses.of(ProblemType.UNAVAILABLE, Outages.serverOf(ex) + " is unavailable; retry shortly");
		}
		log.error("Unexpected failure answered with 500", ex);
		return ProblemResponses.of(ProblemType.INTERNAL_ERROR, "Unexpected error");
	}

}
