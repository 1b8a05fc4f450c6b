package lab.c10k.common.validation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

import lab.c10k.common.api.NewTrain;
import lab.c10k.common.api.Purchase;
import lab.c10k.common.problem.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a raw request body into a validated command. Both web stacks pass the bytes here rather
 * than binding with their own converters, so malformed JSON, wrong types, trailing garbage and
 * duplicate keys are judged by one parser with one configuration in all three services.
 */
public final class RequestBodies {

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Limits.JSON_MAX_DEPTH).build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private RequestBodies() {
	}

	public static NewTrain newTrain(byte[] body) {
		JsonNode json = object(body);
		String code = string(json, "code");
		if (!Limits.TRAIN_CODE.matcher(code).matches()) {
			throw ApiException.invalid("code", "must be 1 to 16 characters of A-Z, 0-9 and '-'");
		}
		return new NewTrain(code, text(json, "origin"), text(json, "destination"), departsAt(json),
				capacity(json));
	}

	public static Purchase purchase(byte[] body) {
		JsonNode json = object(body);
		String passenger = text(json, "passenger");
		String requestId = string(json, "requestId");
		if (!UUID.matcher(requestId).matches()) {
			throw ApiException.invalid("requestId", "must be a UUID in the 8-4-4-4-12 hex form");
		}
		return new Purchase(passenger, requestId.toLowerCase(Locale.ROOT));
	}

	private static JsonNode object(byte[] body) {
		if (body == null || body.length == 0) {
			throw ApiException.invalid("body", "a JSON object is required");
		}
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException malformed) {
			throw ApiException.invalid("body", "is not well-formed JSON");
		}
		if (json == null || !json.isObject()) {
			throw ApiException.invalid("body", "must be a JSON object");
		}
		return json;
	}

	private static String string(JsonNode json, String field) {
		JsonNode value = json.get(field);
		if (value == null || value.isNull()) {
			throw ApiException.invalid(field, "is required");
		}
		if (!value.isString()) {
			throw ApiException.invalid(field, "must be a JSON string");
		}
		return value.stringValue();
	}

	/** Free text: stripped by Unicode rules, 1-64 code points, no control characters. */
	private static String text(JsonNode json, String field) {
		String text = string(json, field).strip();
		int length = text.codePointCount(0, text.length());
		if (length < 1 || length > Limits.TEXT_MAX_CODE_POINTS) {
			throw ApiException.invalid(field,
					"must be 1 to " + Limits.TEXT_MAX_CODE_POINTS + " characters after trimming");
		}
		if (text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL)) {
			throw ApiException.invalid(field, "must not contain control characters");
		}
		return text;
	}

	private static Instant departsAt(JsonNode json) {
		String raw = string(json, "departsAt");
		OffsetDateTime parsed;
		try {
			parsed = OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		}
		catch (DateTimeParseException notAnInstant) {
			throw ApiException.invalid("departsAt", "must be an ISO-8601 date-time with an offset");
		}
		OffsetDateTime utc = parsed.withOffsetSameInstant(ZoneOffset.UTC);
		if (utc.getYear() < Limits.DEPARTS_YEAR_MIN || utc.getYear() > Limits.DEPARTS_YEAR_MAX) {
			throw ApiException.invalid("departsAt",
					"year must be between " + Limits.DEPARTS_YEAR_MIN + " and " + Limits.DEPARTS_YEAR_MAX);
		}
		return utc.toInstant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static int capacity(JsonNode json) {
		JsonNode value = json.get("capacity");
		if (value == null || value.isNull()) {
			throw ApiException.invalid("capacity", "is required");
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < Limits.CAPACITY_MIN
				|| value.intValue() > Limits.CAPACITY_MAX) {
			throw ApiException.invalid("capacity",
					"must be an integer between " + Limits.CAPACITY_MIN + " and " + Limits.CAPACITY_MAX);
		}
		return value.intValue();
	}

}
