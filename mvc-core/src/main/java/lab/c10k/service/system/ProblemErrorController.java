package lab.c10k.service.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's /error page for what fails outside the dispatcher (a filter, the container), so
 * that those errors too are problems of the contract rather than Boot's own JSON.
 */
@RestController
class ProblemErrorController implements ErrorController {

	static final String QUERY_UNREADABLE = "Invalid 'query': the query string could not be decoded";

	@RequestMapping("/error")
	ResponseEntity<Problem> error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(status instanceof Integer code)) {
			// Asked for directly, /error is no route of the contract.
			return ProblemResponses.of(ProblemType.NOT_FOUND, "No such route");
		}
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof InvalidParameterException) {
			return ProblemResponses.of(ProblemType.INVALID_REQUEST, QUERY_UNREADABLE);
		}
		ProblemType type = ProblemErrorReportValve.typeOf(code);
		return ProblemResponses.of(type, type.title());
	}

}
