package lab.c10k.common.problem;

/**
 * An expected outcome that the contract answers with a problem. It carries no stack trace: it is
 * control flow (a sold-out train is not a bug), and it is thrown often under load.
 */
public class ApiException extends RuntimeException {

	private final ProblemType type;

	public ApiException(ProblemType type, String detail) {
		this(type, detail, null);
	}

	public ApiException(ProblemType type, String detail, Throwable cause) {
		super(detail, cause, false, false);
		this.type = type;
	}

	public ProblemType type() {
		return type;
	}

	public Problem problem() {
		return Problem.of(type, getMessage());
	}

	public static ApiException invalid(String field, String reason) {
		return new ApiException(ProblemType.INVALID_REQUEST, "Invalid '" + field + "': " + reason);
	}

	public static ApiException trainNotFound(long id) {
		return new ApiException(ProblemType.TRAIN_NOT_FOUND, "No train has id " + id);
	}

	public static ApiException ticketNotFound(long id) {
		return new ApiException(ProblemType.TICKET_NOT_FOUND, "No ticket has id " + id);
	}

	public static ApiException duplicateTrain(String code) {
		return new ApiException(ProblemType.DUPLICATE_TRAIN, "A train with code " + code + " already exists");
	}

	public static ApiException soldOut(long trainId) {
		return new ApiException(ProblemType.SOLD_OUT, "Train " + trainId + " has no seat left");
	}

	public static ApiException requestIdConflict(String requestId) {
		return new ApiException(ProblemType.REQUEST_ID_CONFLICT,
				"requestId " + requestId + " was already used for another train or passenger");
	}

	public static ApiException requestInFlight(String requestId) {
		return new ApiException(ProblemType.UNAVAILABLE,
				"An earlier attempt of request " + requestId + " is still in flight; retry shortly");
	}

	public static ApiException unavailable(String what, Throwable cause) {
		return new ApiException(ProblemType.UNAVAILABLE, what + " is unavailable; retry shortly", cause);
	}

}
