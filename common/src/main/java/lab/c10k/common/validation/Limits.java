package lab.c10k.common.validation;

import java.util.regex.Pattern;

/** Every limit the contract sets on input, in one place for the three services. */
public final class Limits {

	public static final Pattern TRAIN_CODE = Pattern.compile("[A-Z0-9-]{1,16}");

	/** origin, destination and passenger, in Unicode code points after stripping. */
	public static final int TEXT_MAX_CODE_POINTS = 64;

	public static final int CAPACITY_MIN = 1;

	public static final int CAPACITY_MAX = 100_000;

	public static final int DEPARTS_YEAR_MIN = 1000;

	public static final int DEPARTS_YEAR_MAX = 9999;

	public static final int PAGE_LIMIT_MIN = 1;

	public static final int PAGE_LIMIT_MAX = 100;

	public static final int PAGE_LIMIT_DEFAULT = 20;

	public static final long WAIT_MS_MAX = 30_000;

	public static final long WAIT_MS_DEFAULT = 10_000;

	/** Request bodies larger than this are refused with 413 before they are parsed. */
	public static final int BODY_MAX_BYTES = 16 * 1024;

	/** JSON deeper than this is refused: no valid request nests more than two levels. */
	public static final int JSON_MAX_DEPTH = 32;

	private Limits() {
	}

}
