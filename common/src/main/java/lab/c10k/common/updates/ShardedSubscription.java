package lab.c10k.common.updates;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import lab.c10k.common.redis.RedisKeys;

/**
 * The long polls' subscription on a Redis Cluster, by sharded pub/sub (SSUBSCRIBE, Redis 7.0): a sale's message is
 * handled by the one master that owns its train's slot, where a classic PUBLISH is forwarded to every node. Spring
 * Data Redis 4.0 has no sharded pub/sub (spring-data-redis#3019), so this is Lettuce's own API, shared by the three
 * services, which wait on its futures each its own way.
 * <p>
 * There is no pattern form: a train's channel is subscribed while the train has waiters on this instance
 * ({@link #join}), and dropped when its last waiter leaves ({@link #leave}). Each master has a pub/sub connection of its
 * own (made from the cluster client's resources and options, so the service's Netty handlers and reconnect rules apply),
 * and each hears a heartbeat on a channel tagged to a slot that master owns ({@link #heartbeat}): a connection with no
 * train to hear must still hear something, or it could not be told from a deaf one. The masters are read from the
 * cluster client's topology at every heartbeat. Lettuce re-subscribes a connection's shard channels after a reconnect;
 * a slot that moves to another master is not followed (lettuce#3213), its train's waiters are woken only once that
 * train's last waiter has left and the next one subscribes again.
 */
public final class ShardedSubscription implements TrainSubscriptions, AutoCloseable {

	/** What the subscription tells, on a pub/sub connection's I/O thread: it must not block. */
	public interface Listener {

		/** A message on a train's channel ({@link RedisKeys#shardedUpdatesChannel}). */
		void message(String channel, String payload);

		/**
		 * Redis confirmed once more a train's subscription it had confirmed before: Lettuce re-subscribed on a new
		 * connection, and a change published before that reached no one.
		 */
		void resubscribed(String channel);

	}

	/** How far to look for a hash tag whose slot a master serves; a master serving one slot needs at most a few 10^5. */
	private static final int TAG_SEARCH_LIMIT = 10_000_000;

	private final RedisClusterClient cluster;

	private final RedisClient nodes;

	private final RedisKeys keys;

	private final Duration timeout;

	private final Listener listener;

	/** By node id and heartbeat channel: a master whose slots changed gets a new one. */
	private final Map<String, Master> masters = new ConcurrentHashMap<>();

	private final Map<Long, Train> trains = new ConcurrentHashMap<>();

	private volatile CompletableFuture<StatefulRedisClusterConnection<String, String>> publisher;

	private volatile boolean closed;

	public ShardedSubscription(RedisClusterClient cluster, RedisKeys keys, Duration timeout, Listener listener) {
		this.cluster = cluster;
		this.nodes = RedisClient.create(cluster.getResources());
		this.nodes.setOptions(ClientOptions.copyOf(cluster.getOptions()));
		this.keys = keys;
		this.timeout = timeout;
		this.listener = listener;
	}

	/**
	 * Connects to every master and subscribes each to its heartbeat; completes once all of them are confirmed. Also
	 * what each {@link #heartbeat} does first, so that a master that failed, or joined, is taken up again.
	 */
	public synchronized CompletableFuture<Void> connect() {
		if (closed) {
			return CompletableFuture.failedFuture(new IllegalStateException("Subscription closed"));
		}
		if (publisher == null || publisher.isCompletedExceptionally()) {
			publisher = cluster.connectAsync(StringCodec.UTF8);
		}
		Set<String> current = new HashSet<>();
		for (RedisClusterNode node : cluster.getPartitions()) {
			if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.hasNoSlots()) {
				String heartbeat = keys.shardedHeartbeatChannel(tagServedBy(node));
				String id = node.getNodeId() + " " + heartbeat;
				current.add(id);
				masters.compute(id, (key, master) -> {
					if (master != null && !master.failed()) {
						return master;
					}
					if (master != null) {
						// A connection made whose heartbeat was refused would be reconnected by Lettuce for ever.
						master.close();
					}
					return new Master(node, heartbeat);
				});
			}
		}
		masters.entrySet().removeIf(entry -> {
			boolean gone = !current.contains(entry.getKey());
			if (gone) {
				entry.getValue().close();
			}
			return gone;
		});
		return CompletableFuture.allOf(masters.values().stream().map(master -> master.heartbeatHeard)
			.toArray(CompletableFuture[]::new));
	}

	/** Every master connected, its connection open, its heartbeat channel subscribed. */
	public boolean isListening() {
		return !closed && !masters.isEmpty() && masters.values().stream().allMatch(Master::listening);
	}

	/** When the quietest master's connection last heard anything: a subscription confirmed, a message, a heartbeat. */
	public long quietestSinceNanos() {
		return masters.values().stream().mapToLong(master -> master.lastHeard).min().orElse(System.nanoTime());
	}

	/**
	 * Publishes one heartbeat on each master's channel; completes once every master took it. Takes up a master that
	 * failed, joined or changed its slots first.
	 */
	public CompletableFuture<Void> heartbeat() {
		try {
			connect();
		}
		catch (RuntimeException topologyUnknown) {
			return CompletableFuture.failedFuture(topologyUnknown);
		}
		CompletableFuture<StatefulRedisClusterConnection<String, String>> connection = publisher;
		return connection.thenCompose(redis -> CompletableFuture.allOf(masters.values().stream()
			.map(master -> redis.async().spublish(master.heartbeatChannel, "").toCompletableFuture())
			.toArray(CompletableFuture[]::new)));
	}

	/**
	 * One more waiter of the train: completes once Redis confirmed the train's subscription, from when on each change
	 * of the train reaches {@link Listener#message}. The first waiter subscribes; the others share its confirmation.
	 * Each join must be followed by a {@link #leave}, whatever the outcome.
	 */
	@Override
	public CompletableFuture<Void> join(long trainId) {
		return trains.compute(trainId, (id, train) -> {
			Train live = train != null ? train : subscribe(keys.shardedUpdatesChannel(id));
			live.waiters++;
			return live;
		}).subscribed;
	}

	/** One waiter fewer; the train's last one drops its subscription. */
	@Override
	public void leave(long trainId) {
		trains.computeIfPresent(trainId, (id, train) -> {
			if (--train.waiters > 0) {
				return train;
			}
			if (train.master != null) {
				train.master.unsubscribe(train.channel);
			}
			return null;
		});
	}

	/** Runs inside the train's compute: the SSUBSCRIBE and SUNSUBSCRIBE of one train go out in the order they were made. */
	private Train subscribe(String channel) {
		Master master = masterOf(channel);
		if (master == null) {
			return new Train(channel, null, CompletableFuture.failedFuture(
					new RedisException("No connected master serves the slot of " + channel)));
		}
		return new Train(channel, master, master.subscribe(channel));
	}

	private Master masterOf(String channel) {
		RedisClusterNode node = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(channel));
		if (node == null) {
			return null;
		}
		return masters.values().stream()
			.filter(master -> master.nodeId.equals(node.getNodeId()) && master.connected())
			.findFirst()
			.orElse(null);
	}

	/** The smallest number whose slot, as a hash tag, {@code node} serves. */
	private static String tagServedBy(RedisClusterNode node) {
		for (int tag = 0; tag < TAG_SEARCH_LIMIT; tag++) {
			if (node.hasSlot(SlotHash.getSlot(Integer.toString(tag)))) {
				return Integer.toString(tag);
			}
		}
		throw new IllegalStateException("No hash tag found for the slots of " + node);
	}

	@Override
	public synchronized void close() {
		closed = true;
		masters.values().forEach(Master::close);
		masters.clear();
		CompletableFuture<StatefulRedisClusterConnection<String, String>> connection = publisher;
		if (connection != null) {
			connection.thenAccept(StatefulRedisClusterConnection::closeAsync);
		}
		nodes.shutdownAsync();
	}

	/** A train with waiters on this instance. Guarded by the train's entry in {@link #trains}. */
	private static final class Train {

		final String channel;

		final Master master;

		final CompletableFuture<Void> subscribed;

		/** How many times Redis confirmed the subscription: more than once is a re-subscription. */
		final AtomicInteger confirmations = new AtomicInteger();

		int waiters;

		Train(String channel, Master master, CompletableFuture<Void> subscribed) {
			this.channel = channel;
			this.master = master;
			this.subscribed = subscribed;
		}

	}

	/** One master's pub/sub connection, and the heartbeat channel it hears. */
	private final class Master extends RedisPubSubAdapter<String, String> {

		final String nodeId;

		final String heartbeatChannel;

		final CompletableFuture<StatefulRedisPubSubConnection<String, String>> connection;

		final CompletableFuture<Void> heartbeatHeard;

		volatile long lastHeard = System.nanoTime();

		Master(RedisClusterNode node, String heartbeatChannel) {
			this.nodeId = node.getNodeId();
			this.heartbeatChannel = heartbeatChannel;
			RedisURI uri = RedisURI.builder(node.getUri()).withTimeout(timeout).build();
			this.connection = nodes.connectPubSubAsync(StringCodec.UTF8, uri).toCompletableFuture();
			this.heartbeatHeard = connection.thenCompose(redis -> {
				redis.addListener(this);
				return redis.async().ssubscribe(heartbeatChannel).toCompletableFuture();
			});
		}

		boolean connected() {
			return connection.isDone() && !connection.isCompletedExceptionally() && connection.join().isOpen();
		}

		boolean listening() {
			return connected() && heartbeatHeard.isDone() && !heartbeatHeard.isCompletedExceptionally();
		}

		boolean failed() {
			return connection.isCompletedExceptionally() || heartbeatHeard.isCompletedExceptionally();
		}

		/** Only on a connection made: while one is made, no train is routed here ({@link #masterOf}). */
		CompletableFuture<Void> subscribe(String channel) {
			return connection.join().async().ssubscribe(channel).toCompletableFuture();
		}

		/** Refused while Redis is away: the channel then stays subscribed, and is dropped when it is heard again. */
		void unsubscribe(String channel) {
			if (connected()) {
				connection.join().async().sunsubscribe(channel);
			}
		}

		@Override
		public void smessage(String channel, String payload) {
			lastHeard = System.nanoTime();
			if (!heartbeatChannel.equals(channel)) {
				listener.message(channel, payload);
			}
		}

		@Override
		public void ssubscribed(String channel, long count) {
			lastHeard = System.nanoTime();
			if (heartbeatChannel.equals(channel)) {
				return;
			}
			// In the train's compute: a confirmation that arrives before join stored the train waits for it.
			Train train = trains.compute(keys.trainIdOfChannel(channel), (id, held) -> {
				if (held == null || held.master != this) {
					// Subscribed for no waiter: its SUNSUBSCRIBE was refused, and Lettuce re-subscribed it since.
					unsubscribe(channel);
				}
				return held;
			});
			if (train != null && train.master == this && train.confirmations.incrementAndGet() > 1) {
				listener.resubscribed(channel);
			}
		}

		void close() {
			connection.thenAccept(StatefulRedisPubSubConnection::closeAsync);
		}

	}

}
