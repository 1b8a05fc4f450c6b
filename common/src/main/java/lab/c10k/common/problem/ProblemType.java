package lab.c10k.common.problem;

/** Every problem type of the contract (docs/api.md), and only those. */
public enum ProblemType {

	INVALID_REQUEST("invalid-request", 400, "Invalid request"),
	TRAIN_NOT_FOUND("train-not-found", 404, "Train not found"),
	TICKET_NOT_FOUND("ticket-not-found", 404, "Ticket not found"),
	NOT_FOUND("not-found", 404, "Not found"),
	METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
	PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
	DUPLICATE_TRAIN("duplicate-train", 409, "Duplicate train"),
	SOLD_OUT("sold-out", 409, "Sold out"),
	REQUEST_ID_CONFLICT("request-id-conflict", 409, "Request id conflict"),
	UNAVAILABLE("unavailable", 503, "Service unavailable"),
	INTERNAL_ERROR("internal-error", 500, "Internal error");

	private final String uri;

	private final int status;

	private final String title;

	ProblemType(String slug, int status, String title) {
		this.uri = "/problems/" + slug;
		this.status = status;
		this.title = title;
	}

	public String uri() {
		return uri;
	}

	public int status() {
		return status;
	}

	public String title() {
		return title;
	}

}
