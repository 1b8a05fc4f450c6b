package lab.c10k.service.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;
import reactor.netty.resources.LoopResources;

/**
 * The server's event loops on exactly one {@link Transport}. Reactor Netty asks its loop resources
 * for the channel class too, so answering from the chosen transport (rather than letting Reactor
 * Netty detect one) is what makes the choice stick. Threads are named
 * {@code reactor-http-<transport>-N} and marked {@link NonBlocking}, as Reactor Netty's own are:
 * Reactor and BlockHound then treat them as threads that must never block.
 */
final class TransportLoopResources implements LoopResources {

	private final Transport transport;

	private final EventLoopGroup loops;

	/** A keepalive probe once a connection has heard nothing for a second, then one a second. */
	private static final int KEEPALIVE_SECONDS = 1;

	private final Duration clientSilenceBound;

	/**
	 * {@code clientSilenceBound} ends every client socket (the MySQL connections, the only ones made on these loops)
	 * whose peer stays silent that long. Over a partition that drops packets nothing else would: r2dbc-mysql has no
	 * socket timeout, and a commit, or a rollback or close sent after a statement's own timeout, waits for an answer
	 * that never comes, so the pool kept its connections acquired for as long as the partition lasted. Two cases,
	 * two options: data sent and never acknowledged ends at {@code TCP_USER_TIMEOUT}; a request acknowledged whose
	 * answer is lost leaves nothing unacknowledged, so the kernel probes the silent connection (keepalive every
	 * second, r2dbc-mysql's {@code tcpKeepAlive} turning it on) and {@code TCP_USER_TIMEOUT} ends it once the probes
	 * have gone unanswered that long (seen: all 20 connections held when the partition began while MySQL's answers
	 * were on their way). A slow MySQL still acknowledges what it is sent and answers the probes, so it never trips
	 * this; an idle connection is probed once a second, a few bytes.
	 */
	TransportLoopResources(Transport transport, int threads, Duration clientSilenceBound) {
		this.transport = transport;
		this.clientSilenceBound = clientSilenceBound;
		this.loops = new MultiThreadIoEventLoopGroup(threads, new EventLoopThreads("reactor-http-" + transport.id()),
				transport.ioHandlerFactory());
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		return loops;
	}

	@Override
	public EventLoopGroup onClient(boolean useNative) {
		return loops;
	}

	@Override
	public <C extends Channel> C onChannel(Class<C> channelType, EventLoopGroup group) {
		try {
			C channel = transport.channelClass(channelType).getDeclaredConstructor().newInstance();
			Transport.DeadPeerOptions options = transport.deadPeerOptions();
			if (channelType.equals(SocketChannel.class) && options != null) {
				ChannelConfig config = channel.config();
				config.setOption(options.userTimeout(), Math.toIntExact(clientSilenceBound.toMillis()));
				config.setOption(options.keepIdle(), KEEPALIVE_SECONDS);
				config.setOption(options.keepInterval(), KEEPALIVE_SECONDS);
				// Past TCP_USER_TIMEOUT the count no longer decides; it is the same bound should the kernel ignore it.
				config.setOption(options.keepCount(),
						Math.toIntExact(Math.max(1, clientSilenceBound.toSeconds() / KEEPALIVE_SECONDS)));
			}
			return channel;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot open a " + transport.id() + " channel", ex);
		}
	}

	@Override
	public <C extends Channel> Class<? extends C> onChannelClass(Class<C> channelType, EventLoopGroup group) {
		return transport.channelClass(channelType);
	}

	@Override
	public boolean daemon() {
		return true;
	}

	@Override
	public boolean isDisposed() {
		return loops.isShuttingDown();
	}

	@Override
	public void dispose() {
		loops.shutdownGracefully();
	}

	@Override
	public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
		return Mono.create(sink -> loops
			.shutdownGracefully(quietPeriod.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS)
			.addListener(done -> sink.success()));
	}

	private static final class EventLoopThreads implements java.util.concurrent.ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		private final String prefix;

		EventLoopThreads(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new EventLoopThread(task, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	private static final class EventLoopThread extends FastThreadLocalThread implements NonBlocking {

		EventLoopThread(Runnable task, String name) {
			super(task, name);
		}

	}

}
