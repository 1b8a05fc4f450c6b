package lab.c10k.common.sql;

/** SQL over the {@code train} table, with named parameters (both JdbcClient and R2DBC DatabaseClient bind them). */
public final class TrainSql {

	private static final String COLUMNS = "id, code, origin, destination, departs_at, capacity, sold";

	public static final String INSERT = """
			INSERT INTO train (code, origin, destination, departs_at, capacity, sold)
			VALUES (:code, :origin, :destination, :departsAt, :capacity, 0)""";

	public static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM train WHERE id = :id";

	/** Keyset paging: the index on the primary key makes every page as cheap as the first. */
	public static final String LIST_AFTER = "SELECT " + COLUMNS
			+ " FROM train WHERE id > :afterId ORDER BY id LIMIT :limit";

	/** The MySQL guard behind the Redis gate: a seat is taken only while one is left. */
	public static final String TAKE_SEAT = "UPDATE train SET sold = sold + 1 WHERE id = :id AND sold < capacity";

	/**
	 * Taken first by a cancel: a purchase locks the train row before the ticket's index, and a cancel
	 * that locked its ticket first would deadlock with it (seen on MariaDB under the race tests).
	 */
	public static final String LOCK = "SELECT id FROM train WHERE id = :id FOR UPDATE";

	public static final String RETURN_SEAT = "UPDATE train SET sold = sold - 1 WHERE id = :id AND sold > 0";

	public static final String AUDIT = """
			SELECT t.capacity, t.sold,
			  (SELECT COUNT(*) FROM ticket k WHERE k.train_id = t.id AND k.status = 'CONFIRMED') AS confirmed,
			  (SELECT COUNT(*) FROM ticket k WHERE k.train_id = t.id AND k.status = 'CANCELLED') AS cancelled
			FROM train t WHERE t.id = :id""";

	private TrainSql() {
	}

}
