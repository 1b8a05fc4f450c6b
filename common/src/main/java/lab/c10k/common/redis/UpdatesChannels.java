package lab.c10k.common.redis;

/**
 * Where a train's stock changes are published. On one Redis: classic pub/sub, on {@link RedisKeys#updatesChannel},
 * heard through one pattern subscription. On a Redis Cluster ({@code sharded}): sharded pub/sub, on
 * {@link RedisKeys#shardedUpdatesChannel}, which only the node owning the train's slot handles, where a classic
 * PUBLISH is forwarded to every node of the cluster (docs/scaling.md, Redis Cluster).
 */
public record UpdatesChannels(RedisKeys keys, boolean sharded) {

	public String channel(long trainId) {
		return sharded ? keys.shardedUpdatesChannel(trainId) : keys.updatesChannel(trainId);
	}

	/** settle.lua, publishing on {@link #channel}. */
	public String settleScript() {
		return sharded ? StockScripts.SETTLE_SHARDED : StockScripts.SETTLE;
	}

}
