package lab.c10k.service.stock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import lab.c10k.common.problem.ApiException;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.redis.SeatClaim;
import lab.c10k.common.redis.StockScripts;
import lab.c10k.common.redis.UpdatesChannels;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The seat stock in Redis: the fast gate in front of MySQL. It is changed only by the Lua scripts
 * of common, and re-derived from MySQL ({@code capacity - sold}) whenever it is missing.
 */
@Component
public class SeatStock {

	private static final RedisScript<Long> RESERVE = RedisScript.of(StockScripts.RESERVE_SEAT, Long.class);

	private static final RedisScript<Long> BEGIN_CANCEL = RedisScript.of(StockScripts.BEGIN_CANCEL, Long.class);

	private static final RedisScript<Long> INIT = RedisScript.of(StockScripts.INIT_STOCK, Long.class);

	private static final RedisScript<Long> REPAIR = RedisScript.of(StockScripts.REPAIR_STOCK, Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final UpdatesChannels channels;

	/** settle.lua, publishing the way {@link #channels} says. */
	private final RedisScript<Long> settle;

	private final Duration commandTimeout;

	SeatStock(StringRedisTemplate redis, RedisKeys keys, UpdatesChannels channels,
			@Value("${spring.data.redis.timeout:60s}") Duration commandTimeout) {
		this.redis = redis;
		this.keys = keys;
		this.channels = channels;
		this.settle = RedisScript.of(channels.settleScript(), Long.class);
		this.commandTimeout = commandTimeout;
	}

	/** A new attempt's claim: its deadline is when the command that makes it would time out. */
	public SeatClaim claim(long trainId, String member) {
		return new SeatClaim(trainId, member, deadline());
	}

	/**
	 * Takes a seat and records the purchase as in flight. Returns the stock left, {@link StockScripts#SOLD_OUT} or
	 * {@link StockScripts#ALREADY_IN_FLIGHT}. {@code derived} reads MySQL, only when the stock is missing.
	 */
	public long reserve(SeatClaim claim, LongSupplier derived) {
		String lease = Long.toString(StockScripts.IN_FLIGHT_LEASE_MS);
		String deadline = Long.toString(claim.deadlineMs());
		long left = run(RESERVE, claim.trainId(), claim.member(), lease, deadline);
		if (left == StockScripts.STOCK_UNKNOWN) {
			init(claim.trainId(), derived.getAsLong());
			left = run(RESERVE, claim.trainId(), claim.member(), lease, deadline);
		}
		return requireInTime(left);
	}

	public void beginCancel(long trainId, String member) {
		requireInTime(run(BEGIN_CANCEL, trainId, member, Long.toString(StockScripts.IN_FLIGHT_LEASE_MS),
				Long.toString(deadline())));
	}

	/** Ends an in-flight change, giving back {@code seatsBack} seats and telling the waiters if asked. */
	public void settle(long trainId, String member, int seatsBack, boolean publish) {
		run(settle, trainId, member, Integer.toString(seatsBack), publish ? channels.channel(trainId) : "");
	}

	/** Like {@link #settle(long, String, int, boolean)}, for this attempt only: a later one keeps its seat. */
	public void settle(SeatClaim claim, int seatsBack, boolean publish) {
		long trainId = claim.trainId();
		run(settle, trainId, claim.member(), Integer.toString(seatsBack), publish ? channels.channel(trainId) : "",
				Long.toString(claim.leaseEndMs()));
	}

	private long deadline() {
		return System.currentTimeMillis() + commandTimeout.toMillis();
	}

	/** Past its deadline a script changes nothing, and nobody waits for its answer any more: an outage. */
	private static long requireInTime(long answer) {
		if (answer == StockScripts.LATE) {
			throw ApiException.unavailable("Redis", null);
		}
		return answer;
	}

	/** The live stock, derived from MySQL first when Redis has none. */
	public long current(long trainId, LongSupplier derived) {
		String stock = redis.opsForValue().get(keys.stock(trainId));
		return stock != null ? Long.parseLong(stock) : init(trainId, derived.getAsLong());
	}

	/** The live stocks of several trains, null where Redis has none. */
	public List<Long> currentOf(List<Long> trainIds) {
		List<String> stockKeys = trainIds.stream().map(keys::stock).toList();
		List<String> values = redis.opsForValue().multiGet(stockKeys);
		List<Long> stocks = new ArrayList<>(trainIds.size());
		for (int i = 0; i < trainIds.size(); i++) {
			String value = values == null ? null : values.get(i);
			stocks.add(value == null ? null : Long.valueOf(value));
		}
		return stocks;
	}

	public long init(long trainId, long derivedStock) {
		return run(INIT, trainId, Long.toString(derivedStock));
	}

	/** What {@link #repair} must be given: read it before reading MySQL. */
	public String version(long trainId) {
		String version = redis.opsForValue().get(keys.version(trainId));
		return version == null ? "" : version;
	}

	/** Corrects a drifted stock when nothing is in flight; true when it had drifted. */
	public boolean repair(long trainId, String versionBeforeMysql, long derivedStock) {
		return run(REPAIR, trainId, versionBeforeMysql, Long.toString(derivedStock)) == 1;
	}

	private long run(RedisScript<Long> script, long trainId, String... args) {
		Long result = redis.execute(script, StockScripts.keys(keys, trainId), (Object[]) args);
		if (result == null) {
			throw new IllegalStateException("Redis script returned nothing");
		}
		return result;
	}

}
