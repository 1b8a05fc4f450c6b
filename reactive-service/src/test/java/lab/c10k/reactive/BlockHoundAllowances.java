package lab.c10k.reactive;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound may let pass on a non-blocking thread in this service's tests, and why. Found by
 * running every test with BlockHound on; each entry is a blocking call proven harmless, never one
 * that waits for the network.
 */
public class BlockHoundAllowances implements BlockHoundIntegration {

	private static final String LETTUCE_FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// A cancel's in-flight member is a random UUID (common's StockScripts). SecureRandom refills its
		// buffer from /dev/urandom, which never waits once the kernel's pool is initialised at boot:
		// a read of a few bytes from memory, not I/O that can stall the loop.
		builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
		// Lettuce's one shared connection counts its writers under a ReentrantLock that is held only to
		// bump a counter (or while the endpoint swaps its channel on reconnect, CPU work only). Several
		// event loops writing commands at once contend for it and may park for that long: a lock
		// convoy of microseconds, never a wait for Redis.
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
		// Spring Data Redis hands every reactive command the shared connection from under a lock. The
		// service opens that connection off the event loops (NonBlockingRedisConnections), so on a request
		// the lock only guards a field read, and contention costs microseconds. Opening the connection
		// under the lock would be a wait for the network: that stays forbidden.
		builder.allowBlockingCallsInside(LETTUCE_FACTORY, "doInLock");
		builder.disallowBlockingCallsInside(LETTUCE_FACTORY + "$SharedConnection", "getNativeConnection");
		// Each Lua script hands out its SHA-1 from under a lock, on every call. The scripts are strings in
		// memory (RedisScript.of): the lock guards a cached digest, and purchases racing for one script
		// contend for it for microseconds.
		builder.allowBlockingCallsInside("org.springframework.data.redis.core.script.DefaultRedisScript", "getSha1");
	}

}
