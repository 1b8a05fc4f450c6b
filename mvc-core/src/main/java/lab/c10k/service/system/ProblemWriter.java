package lab.c10k.service.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;
import lab.c10k.metrics.ServiceMeters;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Writes a problem from a servlet filter, before any controller or exception handler runs: counted, with its status,
 * its media type and, on a 503, Retry-After, as {@link ProblemResponses} builds them for the handlers.
 */
@Component
class ProblemWriter {

	private final JsonMapper json;

	private final ServiceMeters meters;

	ProblemWriter(JsonMapper json, ServiceMeters meters) {
		this.json = json;
		this.meters = meters;
	}

	void write(HttpServletResponse response, Problem problem) throws IOException {
		meters.problem(problem);
		response.setStatus(problem.status());
		response.setContentType(Problem.MEDIA_TYPE);
		if (problem.status() == ProblemType.UNAVAILABLE.status()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Problem.RETRY_AFTER_SECONDS);
		}
		json.writeValue(response.getOutputStream(), problem);
	}

}
