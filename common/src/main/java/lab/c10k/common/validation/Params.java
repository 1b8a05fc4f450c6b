package lab.c10k.common.validation;

import java.util.regex.Pattern;

import lab.c10k.common.problem.ApiException;

/**
 * Parses path and query numbers by the contract's rule: plain ASCII digits only, so {@code +5},
 * {@code -0}, {@code 1e2}, {@code " 5"}, an empty value and anything beyond a signed 64-bit integer
 * are invalid. Both web stacks hand the raw text here instead of letting their binders decide.
 */
public final class Params {

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

	private Params() {
	}

	/** A positive id, such as a path's train or ticket id. */
	public static long id(String name, String raw) {
		long value = number(name, raw);
		if (value < 1) {
			throw ApiException.invalid(name, "must be a positive integer");
		}
		return value;
	}

	/** A number within [min, max], or the default when the parameter is absent. */
	public static long inRange(String name, String raw, long defaultValue, long min, long max) {
		if (raw == null) {
			return defaultValue;
		}
		long value = number(name, raw);
		if (value < min || value > max) {
			throw ApiException.invalid(name, "must be between " + min + " and " + max);
		}
		return value;
	}

	public static int pageLimit(String raw) {
		return (int) inRange("limit", raw, Limits.PAGE_LIMIT_DEFAULT, Limits.PAGE_LIMIT_MIN, Limits.PAGE_LIMIT_MAX);
	}

	public static long afterId(String raw) {
		return inRange("afterId", raw, 0, 0, Long.MAX_VALUE);
	}

	public static long waitMs(String raw) {
		return inRange("waitMs", raw, Limits.WAIT_MS_DEFAULT, 0, Limits.WAIT_MS_MAX);
	}

	private static long number(String name, String raw) {
		if (raw == null || !DIGITS.matcher(raw).matches()) {
			throw ApiException.invalid(name, "must be plain decimal digits");
		}
		try {
			return Long.parseLong(raw);
		}
		catch (NumberFormatException tooLarge) {
			throw ApiException.invalid(name, "is beyond a signed 64-bit integer");
		}
	}

}
