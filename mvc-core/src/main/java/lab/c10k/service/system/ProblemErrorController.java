package lab.c10k.service.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;

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

	@RequestMapping("/error")
	ResponseEntity<Problem> error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int code = status instanceof Integer value ? value : 500;
		ProblemType type = switch (code) {
			case 400 -> ProblemType.INVALID_REQUEST;
			case 404 -> ProblemType.NOT_FOUND;
			case 405 -> ProblemType.METHOD_NOT_ALLOWED;
			case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
			case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
			case 503 -> ProblemType.UNAVAILABLE;
			default -> ProblemType.INTERNAL_ERROR;
		};
		return ProblemResponses.of(type, type.title());
	}

}
