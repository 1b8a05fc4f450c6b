package lab.c10k.service.trains;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import lab.c10k.common.api.CachedTrain;
import lab.c10k.common.api.NewTrain;
import lab.c10k.common.api.StoredTrain;
import lab.c10k.common.api.Train;
import lab.c10k.common.api.TrainPage;
import lab.c10k.common.problem.ApiException;
import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.system.Outages;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

@Service
public class TrainService {

	private final TrainRepository trains;

	private final TrainCache cache;

	private final SeatStock stock;

	private final ConcurrentHashMap<Long, Mono<CachedTrain>> loading = new ConcurrentHashMap<>();

	TrainService(TrainRepository trains, TrainCache cache, SeatStock stock) {
		this.trains = trains;
		this.cache = cache;
		this.stock = stock;
	}

	Mono<Train> create(NewTrain train) {
		return trains.insert(train)
			.onErrorMap(DuplicateKeyException.class, ex -> ApiException.duplicateTrain(train.code()))
			.flatMap(id -> {
				StoredTrain created = new StoredTrain(id, train.code(), train.origin(), train.destination(),
						train.departsAt(), train.capacity(), 0);
				// Redis away: the train exists all the same, its stock is derived from MySQL on first use.
				return stock.init(id, created.derivedStock())
					.onErrorResume(Outages::isOutage, ex -> Mono.empty())
					.thenReturn(Train.of(created, created.derivedStock()));
			});
	}

	/**
	 * The train with its live stock, in one Redis round trip when Redis holds both; while Redis is away or slower
	 * than the cache's bound, the fields and the stock come from MySQL (its counter).
	 */
	Mono<Train> find(long id) {
		return cache.withStock(id)
			.onErrorResume(Outages::isOutage, ex -> requireStored(id).map(stored -> Train.of(stored, stored.derivedStock())))
			.switchIfEmpty(Mono.defer(() -> fill(id)));
	}

	/** A train Redis lacks the fields or the stock of: each read on its own, the missing one filled from MySQL. */
	private Mono<Train> fill(long id) {
		return requireExisting(id).flatMap(train -> stock.current(id, derivedStock(id))
			.map(train::withRemaining)
			.onErrorResume(Outages::isOutage, ex -> derivedStock(id).map(train::withRemaining)));
	}

	/**
	 * The unchanging fields of a train, from the cache or else from MySQL; 404 when there is none.
	 * Misses for one train at the same moment share one MySQL read: without a thread pool to bound
	 * them, thousands of long polls arriving together for a train not yet cached would queue
	 * thousands of identical reads for the pool's 20 connections.
	 */
	public Mono<CachedTrain> requireExisting(long id) {
		return cache.get(id).switchIfEmpty(Mono.defer(() -> loading.computeIfAbsent(id, key -> requireStored(key)
			.map(StoredTrain::cacheable)
			.flatMap(train -> cache.put(train).thenReturn(train))
			.doFinally(signal -> loading.remove(key))
			.cache())));
	}

	public Mono<StoredTrain> requireStored(long id) {
		return trains.findById(id).switchIfEmpty(Mono.error(() -> ApiException.trainNotFound(id)));
	}

	/** {@code capacity - sold} as MySQL has it, read only when subscribed. */
	public Mono<Long> derivedStock(long id) {
		return requireStored(id).map(StoredTrain::derivedStock);
	}

	Mono<TrainPage> list(long afterId, int limit) {
		return trains.listAfter(afterId, limit + 1).collectList().flatMap(page -> {
			boolean more = page.size() > limit;
			List<StoredTrain> items = more ? page.subList(0, limit) : page;
			Long next = more ? items.getLast().id() : null;
			return liveStocks(items).map(stocks -> {
				List<Train> trainsWithStock = new ArrayList<>(items.size());
				for (int i = 0; i < items.size(); i++) {
					Long live = stocks.get(i);
					StoredTrain train = items.get(i);
					trainsWithStock.add(Train.of(train, live != null ? live : train.derivedStock()));
				}
				return new TrainPage(trainsWithStock, next);
			});
		});
	}

	private Mono<List<Long>> liveStocks(List<StoredTrain> items) {
		if (items.isEmpty()) {
			return Mono.just(List.of());
		}
		return stock.currentOf(items.stream().map(StoredTrain::id).toList())
			.onErrorResume(Outages::isOutage, ex -> Mono.just(Collections.nCopies(items.size(), null)));
	}

}
