package lab.c10k.common.sql;

/** SQL over the {@code ticket} table, with named parameters. */
public final class TicketSql {

	private static final String COLUMNS = "id, train_id, passenger, request_id, status, created_at";

	public static final String INSERT = """
			INSERT INTO ticket (train_id, passenger, request_id, status, created_at)
			VALUES (:trainId, :passenger, :requestId, 'CONFIRMED', :createdAt)""";

	public static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM ticket WHERE id = :id";

	public static final String FIND_BY_REQUEST_ID = "SELECT " + COLUMNS + " FROM ticket WHERE request_id = :requestId";

	/** Changes one row only the first time, which is what makes a second cancel return no seat. */
	public static final String CANCEL = "UPDATE ticket SET status = 'CANCELLED' WHERE id = :id AND status = 'CONFIRMED'";

	private TicketSql() {
	}

}
