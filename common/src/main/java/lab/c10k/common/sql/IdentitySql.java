package lab.c10k.common.sql;

/** The database's own id (migration V2), read once at start. */
public final class IdentitySql {

	public static final String SELECT = "SELECT id FROM database_identity";

	private IdentitySql() {
	}

}
