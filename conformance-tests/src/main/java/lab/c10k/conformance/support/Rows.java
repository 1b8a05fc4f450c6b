package lab.c10k.conformance.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the run's database straight from MySQL, around the service and its link: what a fault really left behind,
 * even while the service cannot reach MySQL itself.
 */
public final class Rows {

    private Rows() {
    }

    /** MySQL's counter of seats sold on the train. */
    public static long sold(long trainId) {
        return single("SELECT sold FROM train WHERE id = ?", trainId);
    }

    /** Tickets of the train in a status ({@code CONFIRMED} or {@code CANCELLED}). */
    public static long tickets(long trainId, String status) {
        return single("SELECT COUNT(*) FROM ticket WHERE train_id = ? AND status = ?", trainId, status);
    }

    private static long single(String sql, long trainId, String... more) {
        TestServers.Mysql mysql = ServiceUnderTest.servers().mysql();
        try (Connection connection = DriverManager.getConnection(ServiceUnderTest.jdbcUrl(), mysql.user(),
                mysql.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, trainId);
            for (int i = 0; i < more.length; i++) {
                statement.setString(i + 2, more[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("No row for train " + trainId + " in: " + sql);
                }
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the database: " + sql, e);
        }
    }
}
