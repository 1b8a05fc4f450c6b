package lab.c10k.service.system;

import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Builds the one shape of error response: an RFC 9457 body, and Retry-After on a 503. */
public final class ProblemResponses {

	public static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problem.MEDIA_TYPE);

	private ProblemResponses() {
	}

	public static ResponseEntity<Problem> of(Problem problem) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON);
		if (problem.status() == ProblemType.UNAVAILABLE.status()) {
			builder.header(HttpHeaders.RETRY_AFTER, Problem.RETRY_AFTER_SECONDS);
		}
		return builder.body(problem);
	}

	public static ResponseEntity<Problem> of(ProblemType type, String detail) {
		return of(Problem.of(type, detail));
	}

}
