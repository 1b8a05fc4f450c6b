package lab.c10k.service.trains;

import java.util.List;
import java.util.Optional;

import lab.c10k.common.api.CachedTrain;
import lab.c10k.common.api.NewTrain;
import lab.c10k.common.api.StoredTrain;
import lab.c10k.common.api.Train;
import lab.c10k.common.api.TrainPage;
import lab.c10k.common.problem.ApiException;
import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.system.Outages;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

@Service
public class TrainService {

	private final TrainRepository trains;

	private final TrainCache cache;

	private final SeatStock stock;

	TrainService(TrainRepository trains, TrainCache cache, SeatStock stock) {
		this.trains = trains;
		this.cache = cache;
		this.stock = stock;
	}

	Train create(NewTrain train) {
		long id;
		try {
			id = trains.insert(train);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.duplicateTrain(train.code());
		}
		StoredTrain created = new StoredTrain(id, train.code(), train.origin(), train.destination(),
				train.departsAt(), train.capacity(), 0);
		try {
			stock.init(id, created.derivedStock());
		}
		catch (RuntimeException ex) {
			// Redis away: the train exists all the same, its stock is derived from MySQL on first use.
			rethrowUnlessOutage(ex);
		}
		return Train.of(created, created.derivedStock());
	}

	/**
	 * The train with its live stock, in one Redis round trip when Redis holds both; while Redis is away, the fields
	 * and the stock come from MySQL (its counter).
	 */
	Train find(long id) {
		Optional<Train> cached;
		try {
			cached = cache.withStock(id);
		}
		catch (RuntimeException ex) {
			rethrowUnlessOutage(ex);
			StoredTrain stored = requireStored(id);
			return Train.of(stored, stored.derivedStock());
		}
		return cached.orElseGet(() -> fill(id));
	}

	/** A train Redis lacks the fields or the stock of: each read on its own, the missing one filled from MySQL. */
	private Train fill(long id) {
		CachedTrain train = requireExisting(id);
		try {
			return train.withRemaining(stock.current(id, () -> requireStored(id).derivedStock()));
		}
		catch (RuntimeException ex) {
			rethrowUnlessOutage(ex);
			return train.withRemaining(requireStored(id).derivedStock());
		}
	}

	/** The unchanging fields of a train, from the cache or else from MySQL; 404 when there is none. */
	public CachedTrain requireExisting(long id) {
		return cache.get(id).orElseGet(() -> {
			CachedTrain train = requireStored(id).cacheable();
			cache.put(train);
			return train;
		});
	}

	public StoredTrain requireStored(long id) {
		return trains.findById(id).orElseThrow(() -> ApiException.trainNotFound(id));
	}

	TrainPage list(long afterId, int limit) {
		List<StoredTrain> page = trains.listAfter(afterId, limit + 1);
		boolean more = page.size() > limit;
		List<StoredTrain> items = more ? page.subList(0, limit) : page;
		List<Long> stocks = liveStocks(items);
		List<Train> trainsWithStock = new java.util.ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			Long live = stocks.get(i);
			StoredTrain train = items.get(i);
			trainsWithStock.add(Train.of(train, live != null ? live : train.derivedStock()));
		}
		Long next = more ? items.getLast().id() : null;
		return new TrainPage(trainsWithStock, next);
	}

	private List<Long> liveStocks(List<StoredTrain> items) {
		if (items.isEmpty()) {
			return List.of();
		}
		try {
			return stock.currentOf(items.stream().map(StoredTrain::id).toList());
		}
		catch (RuntimeException ex) {
			rethrowUnlessOutage(ex);
			return java.util.Collections.nCopies(items.size(), null);
		}
	}

	private static void rethrowUnlessOutage(RuntimeException ex) {
		if (!Outages.isOutage(ex)) {
			throw ex;
		}
	}

}
