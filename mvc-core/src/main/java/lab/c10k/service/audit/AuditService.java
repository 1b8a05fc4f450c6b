package lab.c10k.service.audit;

import lab.c10k.common.api.Audit;
import lab.c10k.common.api.StoredTrain;
import lab.c10k.common.sql.TrainSql;
import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.stock.StockRepair;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reconciles MySQL's counter, MySQL's tickets and the Redis stock. It repairs a drifted stock
 * first (when nothing is in flight), so that after any fault {@code consistent} comes back by
 * itself; {@code sold} and the tickets are MySQL's and are never adjusted.
 */
@Service
class AuditService {

	private final StockRepair repair;

	private final SeatStock stock;

	private final JdbcClient jdbc;

	AuditService(StockRepair repair, SeatStock stock, JdbcClient jdbc) {
		this.repair = repair;
		this.stock = stock;
		this.jdbc = jdbc;
	}

	Audit audit(long trainId) {
		StoredTrain train = repair.repair(trainId);
		long stockNow = stock.current(trainId, train::derivedStock);
		return jdbc.sql(TrainSql.AUDIT).param("id", trainId)
			.query((rs, row) -> Audit.of(trainId, rs.getInt("capacity"), rs.getInt("sold"), rs.getLong("confirmed"),
					rs.getLong("cancelled"), stockNow))
			.single();
	}

}
