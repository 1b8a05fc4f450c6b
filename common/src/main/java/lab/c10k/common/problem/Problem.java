package lab.c10k.common.problem;

/**
 * An RFC 9457 problem body. Both web stacks serialise this record rather than their own problem
 * classes, so that every service answers with the same four fields and nothing else.
 */
public record Problem(String type, String title, int status, String detail) {

	public static final String MEDIA_TYPE = "application/problem+json";

	/** Seconds a client should wait before retrying after {@link ProblemType#UNAVAILABLE}. */
	public static final String RETRY_AFTER_SECONDS = "1";

	public static Problem of(ProblemType type, String detail) {
		return new Problem(type.uri(), type.title(), type.status(), detail);
	}

}
