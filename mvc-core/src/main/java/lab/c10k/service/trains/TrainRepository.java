package lab.c10k.service.trains;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import lab.c10k.common.api.NewTrain;
import lab.c10k.common.api.StoredTrain;
import lab.c10k.common.sql.SqlTime;
import lab.c10k.common.sql.TrainSql;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class TrainRepository {

	private final JdbcClient jdbc;

	TrainRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the train and returns its id; a duplicate code surfaces as DuplicateKeyException. */
	long insert(NewTrain train) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql(TrainSql.INSERT)
			.param("code", train.code())
			.param("origin", train.origin())
			.param("destination", train.destination())
			.param("departsAt", SqlTime.toSql(train.departsAt()))
			.param("capacity", train.capacity())
			.update(key);
		return key.getKey().longValue();
	}

	public Optional<StoredTrain> findById(long id) {
		return jdbc.sql(TrainSql.FIND_BY_ID).param("id", id).query(TrainRepository::map).optional();
	}

	List<StoredTrain> listAfter(long afterId, int limit) {
		return jdbc.sql(TrainSql.LIST_AFTER).param("afterId", afterId).param("limit", limit)
			.query(TrainRepository::map).list();
	}

	/** Takes a seat in MySQL; false when the guard {@code sold < capacity} refuses. */
	public boolean takeSeat(long id) {
		return jdbc.sql(TrainSql.TAKE_SEAT).param("id", id).update() == 1;
	}

	/** Locks the train's row until the transaction ends: the lock order every writer keeps. */
	public void lock(long id) {
		jdbc.sql(TrainSql.LOCK).param("id", id).query((rs, row) -> rs.getLong(1)).optional();
	}

	public void returnSeat(long id) {
		jdbc.sql(TrainSql.RETURN_SEAT).param("id", id).update();
	}

	private static StoredTrain map(ResultSet rs, int row) throws SQLException {
		return new StoredTrain(rs.getLong("id"), rs.getString("code"), rs.getString("origin"),
				rs.getString("destination"), SqlTime.fromSql(rs.getObject("departs_at", LocalDateTime.class)),
				rs.getInt("capacity"), rs.getInt("sold"));
	}

}
