package lab.c10k.service.tickets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import lab.c10k.common.api.Purchase;
import lab.c10k.common.api.Ticket;
import lab.c10k.common.api.TicketStatus;
import lab.c10k.common.sql.SqlTime;
import lab.c10k.common.sql.TicketSql;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class TicketRepository {

	private final JdbcClient jdbc;

	TicketRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A second ticket for the same requestId surfaces as DuplicateKeyException (unique key). */
	Ticket insert(long trainId, Purchase purchase, Instant createdAt) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql(TicketSql.INSERT)
			.param("trainId", trainId)
			.param("passenger", purchase.passenger())
			.param("requestId", purchase.requestId())
			.param("createdAt", SqlTime.toSql(createdAt))
			.update(key);
		return new Ticket(key.getKey().longValue(), trainId, purchase.passenger(), purchase.requestId(),
				TicketStatus.CONFIRMED, createdAt);
	}

	Optional<Ticket> findById(long id) {
		return jdbc.sql(TicketSql.FIND_BY_ID).param("id", id).query(TicketRepository::map).optional();
	}

	Optional<Ticket> findByRequestId(String requestId) {
		return jdbc.sql(TicketSql.FIND_BY_REQUEST_ID).param("requestId", requestId)
			.query(TicketRepository::map).optional();
	}

	/** True only for the call that turned CONFIRMED into CANCELLED. */
	boolean cancel(long id) {
		return jdbc.sql(TicketSql.CANCEL).param("id", id).update() == 1;
	}

	private static Ticket map(ResultSet rs, int row) throws SQLException {
		return new Ticket(rs.getLong("id"), rs.getLong("train_id"), rs.getString("passenger"),
				rs.getString("request_id"), TicketStatus.valueOf(rs.getString("status")),
				SqlTime.fromSql(rs.getObject("created_at", LocalDateTime.class)));
	}

}
