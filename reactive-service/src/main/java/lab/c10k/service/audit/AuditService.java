package lab.c10k.service.audit;

import java.time.Duration;

import lab.c10k.common.api.Audit;
import lab.c10k.common.sql.TrainSql;
import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.stock.StockRepair;
import lab.c10k.service.system.C10kProperties;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
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

	private final DatabaseClient db;

	private final Duration timeout;

	AuditService(StockRepair repair, SeatStock stock, DatabaseClient db, C10kProperties properties) {
		this.repair = repair;
		this.stock = stock;
		this.db = db;
		this.timeout = properties.mysql().timeout();
	}

	Mono<Audit> audit(long trainId) {
		return repair.repair(trainId)
			.flatMap(train -> stock.current(trainId, Mono.fromSupplier(train::derivedStock)))
			.flatMap(stockNow -> db.sql(TrainSql.AUDIT).bind("id", trainId)
				.map(row -> Audit.of(trainId, row.get("capacity", Integer.class), row.get("sold", Integer.class),
						row.get("confirmed", Long.class), row.get("cancelled", Long.class), stockNow))
				.one()
				.timeout(timeout));
	}

}
