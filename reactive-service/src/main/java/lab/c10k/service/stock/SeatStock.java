package lab.c10k.service.stock;

import java.time.Duration;
import java.util.List;

import lab.c10k.common.problem.ApiException;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.redis.SeatClaim;
import lab.c10k.common.redis.StockScripts;
import lab.c10k.common.redis.UpdatesChannels;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The seat stock in Redis: the fast gate in front of MySQL. It is changed only by the Lua scripts
 * of common, and re-derived from MySQL ({@code capacity - sold}) whenever it is missing. The MySQL
 * read is passed in as a {@code Mono}: it runs only when subscribed, that is only when Redis has no
 * stock.
 */
@Component
public class SeatStock {

	private static final RedisScript<Long> RESERVE = RedisScript.of(StockScripts.RESERVE_SEAT, Long.class);

	private static final RedisScript<Long> BEGIN_CANCEL = RedisScript.of(StockScripts.BEGIN_CANCEL, Long.class);

	private static final RedisScript<Long> INIT = RedisScript.of(StockScripts.INIT_STOCK, Long.class);

	private static final RedisScript<Long> REPAIR = RedisScript.of(StockScripts.REPAIR_STOCK, Long.class);

	private static final String LEASE = Long.toString(StockScripts.IN_FLIGHT_LEASE_MS);

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeys keys;

	private final UpdatesChannels channels;

	/** settle.lua, publishing the way {@link #channels} says. */
	private final RedisScript<Long> settle;

	private final Duration commandTimeout;

	SeatStock(ReactiveStringRedisTemplate redis, RedisKeys keys, UpdatesChannels channels,
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
	 * Takes a seat and records the purchase as in flight: the stock left, {@link StockScripts#SOLD_OUT} or
	 * {@link StockScripts#ALREADY_IN_FLIGHT}. {@code derived} reads MySQL, only when the stock is missing.
	 */
	public Mono<Long> reserve(SeatClaim claim, Mono<Long> derived) {
		long trainId = claim.trainId();
		Mono<Long> reserve = run(RESERVE, trainId, claim.member(), LEASE, Long.toString(claim.deadlineMs()));
		return reserve.flatMap(left -> left == StockScripts.STOCK_UNKNOWN
				? derived.flatMap(stock -> init(trainId, stock)).then(reserve) : Mono.just(left))
			.flatMap(SeatStock::requireInTime);
	}

	public Mono<Void> beginCancel(long trainId, String member) {
		return Mono.defer(() -> run(BEGIN_CANCEL, trainId, member, LEASE, Long.toString(deadline())))
			.flatMap(SeatStock::requireInTime)
			.then();
	}

	/** Ends an in-flight change, giving back {@code seatsBack} seats and telling the waiters if asked. */
	public Mono<Long> settle(long trainId, String member, int seatsBack, boolean publish) {
		return run(settle, trainId, member, Integer.toString(seatsBack), publish ? channels.channel(trainId) : "");
	}

	/** Like {@link #settle(long, String, int, boolean)}, for this attempt only: a later one keeps its seat. */
	public Mono<Long> settle(SeatClaim claim, int seatsBack, boolean publish) {
		long trainId = claim.trainId();
		return run(settle, trainId, claim.member(), Integer.toString(seatsBack),
				publish ? channels.channel(trainId) : "", Long.toString(claim.leaseEndMs()));
	}

	private long deadline() {
		return System.currentTimeMillis() + commandTimeout.toMillis();
	}

	/** Past its deadline a script changes nothing, and nobody waits for its answer any more: an outage. */
	private static Mono<Long> requireInTime(long answer) {
		return answer == StockScripts.LATE ? Mono.error(ApiException.unavailable("Redis", null)) : Mono.just(answer);
	}

	/** The live stock, derived from MySQL first when Redis has none. */
	public Mono<Long> current(long trainId, Mono<Long> derived) {
		return redis.opsForValue().get(keys.stock(trainId)).map(Long::valueOf)
			.switchIfEmpty(derived.flatMap(stock -> init(trainId, stock)));
	}

	/** The live stocks of several trains, null where Redis has none. */
	public Mono<List<Long>> currentOf(List<Long> trainIds) {
		return redis.opsForValue().multiGet(trainIds.stream().map(keys::stock).toList())
			.map(values -> values.stream().map(value -> value == null ? null : Long.valueOf(value)).toList());
	}

	public Mono<Long> init(long trainId, long derivedStock) {
		return run(INIT, trainId, Long.toString(derivedStock));
	}

	/** What {@link #repair} must be given: read it before reading MySQL. */
	public Mono<String> version(long trainId) {
		return redis.opsForValue().get(keys.version(trainId)).defaultIfEmpty("");
	}

	/** Corrects a drifted stock when nothing is in flight; true when it had drifted. */
	public Mono<Boolean> repair(long trainId, String versionBeforeMysql, long derivedStock) {
		return run(REPAIR, trainId, versionBeforeMysql, Long.toString(derivedStock)).map(result -> result == 1);
	}

	private Mono<Long> run(RedisScript<Long> script, long trainId, String... args) {
		return redis.execute(script, StockScripts.keys(keys, trainId), List.of(args))
			.next()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("Redis script returned nothing")));
	}

}
