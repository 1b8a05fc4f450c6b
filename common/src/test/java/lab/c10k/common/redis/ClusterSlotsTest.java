package lab.c10k.common.redis;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every Lua script touches only {@link StockScripts#keys}, so a Redis Cluster runs it only when those keys share one
 * slot (else CROSSSLOT). Redis hashes a key's hash tag, the text between its first <code>{</code> and the next
 * <code>}</code>; keys with the same non-empty tag share a slot whatever else differs.
 */
class ClusterSlotsTest {

	private static final RedisKeys KEYS = RedisKeys.forDatabase("c10k:", "0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b");

	@Test
	void everyKeyOfATrainCarriesItsIdAsTheHashTag() {
		List<String> trainKeys = List.of(KEYS.stock(42), KEYS.inFlight(42), KEYS.version(42), KEYS.cachedTrain(42));

		assertThat(trainKeys).extracting(ClusterSlotsTest::hashTag).containsOnly("42");
		assertThat(StockScripts.keys(KEYS, 42)).extracting(ClusterSlotsTest::hashTag).containsOnly("42");
		assertThat(CachedTrainRead.keys(KEYS, 42)).extracting(ClusterSlotsTest::hashTag).containsOnly("42");
	}

	/** settle.lua SPUBLISHes on it: a script may reach no slot served by another node than its keys' one. */
	@Test
	void aTrainsShardChannelCarriesItsIdAsTheHashTag() {
		assertThat(hashTag(KEYS.shardedUpdatesChannel(42))).isEqualTo("42");
		assertThat(new UpdatesChannels(KEYS, true).channel(42)).isEqualTo(KEYS.shardedUpdatesChannel(42));
		assertThat(new UpdatesChannels(KEYS, true).settleScript()).startsWith("local publishCommand = 'SPUBLISH'");
	}

	@Test
	void oneRedisKeepsTheClassicChannelAndPublish() {
		assertThat(new UpdatesChannels(KEYS, false).channel(42)).isEqualTo(KEYS.updatesChannel(42));
		assertThat(hashTag(KEYS.updatesChannel(42))).isNull();
		assertThat(new UpdatesChannels(KEYS, false).settleScript()).startsWith("local publishCommand = 'PUBLISH'");
	}

	@Test
	void theTrainIsReadBackFromEitherChannel() {
		assertThat(KEYS.trainIdOfChannel(KEYS.updatesChannel(42))).isEqualTo(42);
		assertThat(KEYS.trainIdOfChannel(KEYS.shardedUpdatesChannel(42))).isEqualTo(42);
	}

	@Test
	void twoTrainsHaveDifferentTags() {
		assertThat(hashTag(KEYS.stock(1))).isNotEqualTo(hashTag(KEYS.stock(2)));
	}

	@Test
	void aPrefixWithABraceIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisKeys("c10k{eu}:"));
		assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.forDatabase("c10k:", "a}b"));
	}

	/** The part of a key Redis Cluster hashes (the cluster specification's HASH_SLOT rule); null: the whole key. */
	private static String hashTag(String key) {
		int open = key.indexOf('{');
		int close = open < 0 ? -1 : key.indexOf('}', open + 1);
		return close > open + 1 ? key.substring(open + 1, close) : null;
	}

}
