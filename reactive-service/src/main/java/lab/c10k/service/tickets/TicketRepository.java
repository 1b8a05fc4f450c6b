package lab.c10k.service.tickets;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

import io.r2dbc.spi.Readable;
import lab.c10k.common.api.Purchase;
import lab.c10k.common.api.Ticket;
import lab.c10k.common.api.TicketStatus;
import lab.c10k.common.sql.SqlTime;
import lab.c10k.common.sql.TicketSql;
import lab.c10k.service.system.C10kProperties;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Every statement is bounded: a reactive driver has no socket timeout to end one that hangs. */
@Repository
class TicketRepository {

	private final DatabaseClient db;

	private final Duration timeout;

	TicketRepository(DatabaseClient db, C10kProperties properties) {
		this.db = db;
		this.timeout = properties.mysql().timeout();
	}

	/** A second ticket for the same requestId surfaces as DuplicateKeyException (unique key). */
	Mono<Ticket> insert(long trainId, Purchase purchase, Instant createdAt) {
		return db.sql(TicketSql.INSERT)
			.bind("trainId", trainId)
			.bind("passenger", purchase.passenger())
			.bind("requestId", purchase.requestId())
			.bind("createdAt", SqlTime.toSql(createdAt))
			.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> new Ticket(row.get("id", Long.class), trainId, purchase.passenger(), purchase.requestId(),
					TicketStatus.CONFIRMED, createdAt))
			.one()
			.timeout(timeout);
	}

	Mono<Ticket> findById(long id) {
		return db.sql(TicketSql.FIND_BY_ID).bind("id", id).map(TicketRepository::map).one().timeout(timeout);
	}

	Mono<Ticket> findByRequestId(String requestId) {
		return db.sql(TicketSql.FIND_BY_REQUEST_ID).bind("requestId", requestId)
			.map(TicketRepository::map).one().timeout(timeout);
	}

	/** True only for the call that turned CONFIRMED into CANCELLED. */
	Mono<Boolean> cancel(long id) {
		return db.sql(TicketSql.CANCEL).bind("id", id).fetch().rowsUpdated().map(rows -> rows == 1).timeout(timeout);
	}

	private static Ticket map(Readable row) {
		return new Ticket(row.get("id", Long.class), row.get("train_id", Long.class), row.get("passenger", String.class),
				row.get("request_id", String.class), TicketStatus.valueOf(row.get("status", String.class)),
				SqlTime.fromSql(row.get("created_at", LocalDateTime.class)));
	}

}
