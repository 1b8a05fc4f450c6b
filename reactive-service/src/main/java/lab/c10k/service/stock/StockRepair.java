package lab.c10k.service.stock;

import lab.c10k.common.api.StoredTrain;
import lab.c10k.common.problem.ApiException;
import lab.c10k.service.trains.TrainRepository;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Re-derives a train's stock from MySQL ({@code capacity - sold}) when it has drifted: after a
 * Redis failure mid-purchase, a lost key, or a process that died with a seat in flight.
 */
@Component
public class StockRepair {

	private final SeatStock stock;

	private final TrainRepository trains;

	StockRepair(SeatStock stock, TrainRepository trains) {
		this.stock = stock;
		this.trains = trains;
	}

	/** Emits the train as MySQL has it after the attempt; the stock is left alone while anything is in flight. */
	public Mono<StoredTrain> repair(long trainId) {
		return stock.version(trainId).flatMap(version -> trains.findById(trainId)
			.switchIfEmpty(Mono.error(() -> ApiException.trainNotFound(trainId)))
			.flatMap(train -> stock.repair(trainId, version, train.derivedStock()).thenReturn(train)));
	}

}
