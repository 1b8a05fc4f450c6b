package lab.c10k.common.redis;

/**
 * Redis key and channel names. Each service has its own prefix so that the three can share one
 * Redis. The braces are a hash tag: a train's stock, in-flight set and version stay in one slot
 * of a cluster, so that one script can touch all three.
 */
public record RedisKeys(String prefix) {

	/**
	 * Redis Cluster hashes only what stands between a key's first <code>{</code> and the next <code>}</code>: a brace
	 * in the prefix would become every key's tag, and put every train's keys in one slot on one node.
	 */
	public RedisKeys {
		if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
			throw new IllegalArgumentException("A Redis key prefix must hold no braces (hash tags): " + prefix);
		}
	}

	/**
	 * The keys of the database whose id is {@code databaseId}: Redis mirrors one database, and a train id means
	 * nothing outside it. A service pointed at a recreated or restored database, with the same Redis and prefix, once
	 * read the old train 1's stock for a new train 1 (sold-out on 100,000 free seats; docs/pitfalls.md).
	 */
	public static RedisKeys forDatabase(String prefix, String databaseId) {
		return new RedisKeys(prefix + "db:" + databaseId + ":");
	}

	public String stock(long trainId) {
		return prefix + "train:{" + trainId + "}:stock";
	}

	/** Purchases and cancels under way, scored by the time their lease ends. */
	public String inFlight(long trainId) {
		return prefix + "train:{" + trainId + "}:inflight";
	}

	/** Bumped by every script that changes the stock or the in-flight set: lets repair detect a race. */
	public String version(long trainId) {
		return prefix + "train:{" + trainId + "}:version";
	}

	public String cachedTrain(long trainId) {
		return prefix + "train:{" + trainId + "}:cache";
	}

	public String updatesChannel(long trainId) {
		return prefix + "updates:" + trainId;
	}

	/**
	 * A train's shard channel on a Redis Cluster: its <code>{id}</code> tag puts it in the slot of the train's keys,
	 * so that settle.lua's SPUBLISH is served by the node that runs the script (a script may not reach another node).
	 */
	public String shardedUpdatesChannel(long trainId) {
		return prefix + "updates:{" + trainId + "}";
	}

	public String updatesPattern() {
		return prefix + "updates:*";
	}

	/**
	 * What each instance publishes every moment and hears back through its own subscription: a subscription that
	 * stops hearing it has gone deaf, which no other sign shows while nothing is sold.
	 */
	public String heartbeatChannel() {
		return prefix + "heartbeat";
	}

	/**
	 * The heartbeat on a Redis Cluster, one shard channel per master: {@code tag} is a hash tag whose slot that master
	 * serves, so each master's subscription connection has its own heartbeat to hear.
	 */
	public String shardedHeartbeatChannel(String tag) {
		return prefix + "heartbeat:{" + tag + "}";
	}

	/** The train of {@link #updatesChannel} or {@link #shardedUpdatesChannel}. */
	public long trainIdOfChannel(String channel) {
		int start = channel.lastIndexOf(':') + 1;
		boolean tagged = channel.endsWith("}");
		return Long.parseLong(channel.substring(tagged ? start + 1 : start, tagged ? channel.length() - 1 : channel.length()));
	}

}
