package lab.c10k.service.system;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.protocol.CommandHandler;
import io.lettuce.core.pubsub.PubSubCommandHandler;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection to Redis that has gone silent: a command unanswered, and nothing read, for longer than the
 * command timeout; or, on the subscription, nothing heard for as long although Redis acknowledged a heartbeat well
 * after the last thing heard (RedisLinkWatcher publishes one every moment, {@link HeartbeatAcks} says when Redis took
 * it). A frozen server or a dropped route closes nothing, so Lettuce would go on sending
 * into the void and every request would wait out its own timeout, and waiting long polls would never learn that no
 * change can reach them. Closed, the connection rejects commands at once, the waiters are told, and Lettuce reconnects
 * and resubscribes by itself. One instance per connection; Netty calls it on the connection's own event loop only.
 */
final class SilentConnectionCloser extends ChannelDuplexHandler {

	private static final Logger log = LoggerFactory.getLogger(SilentConnectionCloser.class);

	private final long boundNanos;

	private final HeartbeatAcks heartbeats;

	private long lastRead;

	/** When the oldest unanswered command was sent, or the last read since it; 0 while nothing is unanswered. */
	private long awaitingSince;

	private ScheduledFuture<?> check;

	SilentConnectionCloser(Duration bound, HeartbeatAcks heartbeats) {
		this.boundNanos = bound.toNanos();
		this.heartbeats = heartbeats;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		lastRead = System.nanoTime();
		long period = Math.max(boundNanos / 8, TimeUnit.MILLISECONDS.toNanos(10));
		check = ctx.executor().scheduleWithFixedDelay(() -> closeIfSilent(ctx), period, period, TimeUnit.NANOSECONDS);
		super.channelActive(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (check != null) {
			check.cancel(false);
		}
		super.channelInactive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		lastRead = System.nanoTime();
		super.channelRead(ctx, msg);
		awaitingSince = unanswered(ctx) ? lastRead : 0;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (awaitingSince == 0) {
			awaitingSince = System.nanoTime();
		}
		super.write(ctx, msg, promise);
	}

	private void closeIfSilent(ChannelHandlerContext ctx) {
		long now = System.nanoTime();
		boolean commandUnanswered = awaitingSince != 0 && unanswered(ctx) && now - awaitingSince > boundNanos;
		// Half the bound is far longer than a pushed message takes to arrive: one taken by Redis that long after
		// the last read, and still not heard, is lost.
		boolean subscriptionDeaf = ctx.pipeline().get(PubSubCommandHandler.class) != null
				&& now - lastRead > boundNanos && heartbeats.lastNanos() - lastRead > boundNanos / 2;
		if (commandUnanswered || subscriptionDeaf) {
			log.warn("Closing a {} to Redis silent for over {} ms: {}", subscriptionDeaf ? "subscription" : "connection",
					TimeUnit.NANOSECONDS.toMillis(boundNanos), ctx.channel());
			check.cancel(false);
			ctx.close();
		}
	}

	private static boolean unanswered(ChannelHandlerContext ctx) {
		CommandHandler commands = ctx.pipeline().get(CommandHandler.class);
		return commands != null && !commands.getStack().isEmpty();
	}

}
