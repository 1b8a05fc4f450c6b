package lab.c10k.common.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants are stored as UTC in {@code DATETIME(3)} and bound as text. Connector/J 9 binds
 * {@code LocalDateTime} to MariaDB without fractional seconds (docs/pitfalls), and the contract
 * returns milliseconds; a string keeps them on every driver and server.
 */
public final class SqlTime {

	private static final DateTimeFormatter DATETIME_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

	private SqlTime() {
	}

	public static String toSql(Instant instant) {
		return DATETIME_MILLIS.format(instant.atOffset(ZoneOffset.UTC));
	}

	public static Instant fromSql(LocalDateTime utc) {
		return utc.toInstant(ZoneOffset.UTC);
	}

}
