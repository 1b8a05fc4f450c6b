package lab.c10k.service.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;
import lab.c10k.metrics.ServiceMeters;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat answers what it cannot parse (a request line, a header, a head over 8 KiB, a bad escape
 * in the path) before any servlet runs, with its own HTML page. This valve, in place of Tomcat's,
 * makes those answers problems of the contract too, with the model's header. Tomcat's 501 (an
 * unknown method such as CONNECT) and 505 (a malformed version) are client errors here: 405, 400.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private final String model;

	private final JsonMapper json;

	private final ServiceMeters meters;

	ProblemErrorReportValve(String model, JsonMapper json, ServiceMeters meters) {
		this.model = model;
		this.json = json;
		this.meters = meters;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !ioAllowed(response) || !response.setErrorReported()) {
			return;
		}
		ProblemType type = typeOf(status);
		Problem problem = Problem.of(type, type.title());
		meters.problem(problem);
		try {
			response.setStatus(type.status());
			response.setContentType(Problem.MEDIA_TYPE);
			response.setHeader(ConcurrencyModelHeaderFilter.HEADER, model);
			byte[] body = json.writeValueAsBytes(problem);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response already committed: nothing more can be said.
		}
	}

	private static boolean ioAllowed(Response response) {
		AtomicBoolean allowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
		return allowed.get();
	}

	static ProblemType typeOf(int status) {
		return switch (status) {
			case 404 -> ProblemType.NOT_FOUND;
			case 405, 501 -> ProblemType.METHOD_NOT_ALLOWED;
			case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
			case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
			case 503 -> ProblemType.UNAVAILABLE;
			case 500 -> ProblemType.INTERNAL_ERROR;
			default -> status < 600 ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL_ERROR;
		};
	}

}
