package lab.c10k.service.trains;

import java.time.Duration;
import java.time.LocalDateTime;

import io.r2dbc.spi.Readable;
import lab.c10k.common.api.NewTrain;
import lab.c10k.common.api.StoredTrain;
import lab.c10k.common.sql.SqlTime;
import lab.c10k.common.sql.TrainSql;
import lab.c10k.service.system.C10kProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Every statement is bounded: a reactive driver has no socket timeout to end one that hangs. */
@Repository
public class TrainRepository {

	private final DatabaseClient db;

	private final Duration timeout;

	TrainRepository(DatabaseClient db, C10kProperties properties) {
		this.db = db;
		this.timeout = properties.mysql().timeout();
	}

	/** Inserts the train and emits its id; a duplicate code surfaces as DuplicateKeyException. */
	Mono<Long> insert(NewTrain train) {
		return db.sql(TrainSql.INSERT)
			.bind("code", train.code())
			.bind("origin", train.origin())
			.bind("destination", train.destination())
			.bind("departsAt", SqlTime.toSql(train.departsAt()))
			.bind("capacity", train.capacity())
			.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.timeout(timeout);
	}

	public Mono<StoredTrain> findById(long id) {
		return db.sql(TrainSql.FIND_BY_ID).bind("id", id).map(TrainRepository::map).one().timeout(timeout);
	}

	Flux<StoredTrain> listAfter(long afterId, int limit) {
		return db.sql(TrainSql.LIST_AFTER).bind("afterId", afterId).bind("limit", limit)
			.map(TrainRepository::map).all().timeout(timeout);
	}

	/** Takes a seat in MySQL; false when the guard {@code sold < capacity} refuses. */
	public Mono<Boolean> takeSeat(long id) {
		return db.sql(TrainSql.TAKE_SEAT).bind("id", id).fetch().rowsUpdated().map(rows -> rows == 1).timeout(timeout);
	}

	/** Locks the train's row until the transaction ends: the lock order every writer keeps. */
	public Mono<Void> lock(long id) {
		return db.sql(TrainSql.LOCK).bind("id", id).fetch().all().then().timeout(timeout);
	}

	public Mono<Void> returnSeat(long id) {
		return db.sql(TrainSql.RETURN_SEAT).bind("id", id).fetch().rowsUpdated().then().timeout(timeout);
	}

	private static StoredTrain map(Readable row) {
		return new StoredTrain(row.get("id", Long.class), row.get("code", String.class), row.get("origin", String.class),
				row.get("destination", String.class), SqlTime.fromSql(row.get("departs_at", LocalDateTime.class)),
				row.get("capacity", Integer.class), row.get("sold", Integer.class));
	}

}
