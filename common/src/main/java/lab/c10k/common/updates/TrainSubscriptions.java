package lab.c10k.common.updates;

import java.util.concurrent.CompletableFuture;

/**
 * What a long poll asks of its instance's subscription before it reads its train's version: that the train's changes
 * reach it from then on. Under one pattern subscription (one Redis) every train is heard already; on a Redis Cluster
 * the train's shard channel must be subscribed first ({@link ShardedSubscription}).
 */
public interface TrainSubscriptions {

	/** One pattern subscription hears every train: nothing to wait for, nothing to drop. */
	TrainSubscriptions PATTERN = new TrainSubscriptions() {

		private static final CompletableFuture<Void> HEARD = CompletableFuture.completedFuture(null);

		@Override
		public CompletableFuture<Void> join(long trainId) {
			return HEARD;
		}

		@Override
		public void leave(long trainId) {
		}

	};

	/** Completes once the train's changes reach this instance; each join is followed by one {@link #leave}. */
	CompletableFuture<Void> join(long trainId);

	void leave(long trainId);

}
