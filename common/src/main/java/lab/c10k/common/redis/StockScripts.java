package lab.c10k.common.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The Lua scripts that alone change the seat stock, and the order of their keys. Every script
 * takes {@link #keys(RedisKeys, long)}; their arguments are documented in each .lua file. Each
 * one starts with bump-version.lua, the one way a train's version is changed.
 */
public final class StockScripts {

	private static final String BUMP_VERSION = load("bump-version.lua");

	public static final String RESERVE_SEAT = withVersion("reserve-seat.lua");

	public static final String BEGIN_CANCEL = withVersion("begin-cancel.lua");

	public static final String SETTLE = withPublish("PUBLISH", withVersion("settle.lua"));

	/** SETTLE for a Redis Cluster: it tells the waiters by sharded pub/sub, on {@link RedisKeys#shardedUpdatesChannel}. */
	public static final String SETTLE_SHARDED = withPublish("SPUBLISH", withVersion("settle.lua"));

	public static final String INIT_STOCK = withVersion("init-stock.lua");

	public static final String REPAIR_STOCK = withVersion("repair-stock.lua");

	/** RESERVE_SEAT's answer when no seat is left. */
	public static final long SOLD_OUT = -1;

	/** Any script's answer when the stock key is missing and must be derived from MySQL. */
	public static final long STOCK_UNKNOWN = -2;

	/** RESERVE_SEAT's answer when another attempt of the same request holds a seat right now. */
	public static final long ALREADY_IN_FLIGHT = -3;

	/**
	 * RESERVE_SEAT's and BEGIN_CANCEL's answer when they ran after the caller's deadline and so changed nothing: the
	 * caller had stopped waiting, which makes this an outage (503), never a sale.
	 */
	public static final long LATE = -4;

	/**
	 * How long an attempt waits, at most, for another attempt of the same request to finish before
	 * answering 503 (retry later). A little longer than the MySQL transaction bound.
	 */
	public static final long DUPLICATE_WAIT_MS = 6_000;

	/**
	 * How long an in-flight purchase or cancel holds off stock repair. Far longer than the bound on
	 * any purchase (docs/fairness.md), so a lease only runs out when its process died mid-way.
	 */
	public static final long IN_FLIGHT_LEASE_MS = 30_000;

	private StockScripts() {
	}

	public static List<String> keys(RedisKeys keys, long trainId) {
		return List.of(keys.stock(trainId), keys.inFlight(trainId), keys.version(trainId));
	}

	/** The in-flight member of a purchase: one per request, which is how two attempts find each other. */
	public static String purchaseMember(String requestId) {
		return "buy:" + requestId;
	}

	/** The in-flight member of a cancel: unique per attempt, since cancelling twice is harmless. */
	public static String cancelMember(long ticketId) {
		return "cancel:" + ticketId + ":" + UUID.randomUUID();
	}

	/** The pause before checking again on an attempt in flight: 5 ms doubling to at most 100 ms. */
	public static long duplicatePauseMs(int attempt) {
		return Math.min(100, 5L << Math.min(attempt, 5));
	}

	/** Names the command settle.lua publishes with: a Lua prelude, as bump-version.lua is one. */
	private static String withPublish(String command, String script) {
		return "local publishCommand = '" + command + "'\n" + script;
	}

	private static String withVersion(String name) {
		return BUMP_VERSION + load(name);
	}

	private static String load(String name) {
		try (InputStream in = StockScripts.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Lua script missing from the classpath: " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
