package lab.c10k.service.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
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

	private final Duration clientUserTimeout;

	/**
	 * {@code clientUserTimeout} goes on every client socket (the MySQL connections, the only ones made on these loops)
	 * as {@code TCP_USER_TIMEOUT}: the kernel ends a connection whose sent data stays unacknowledged that long. Over a
	 * partition that drops packets nothing else would: r2dbc-mysql has no socket timeout, and a rollback or close sent
	 * after a statement's own timeout waits for an answer that never comes, so the pool kept every connection acquired
	 * for as long as the partition lasted. A slow MySQL still acknowledges what it is sent, so it never trips this.
	 */
	TransportLoopResources(Transport transport, int threads, Duration clientUserTimeout) {
		this.transport = transport;
		this.clientUserTimeout = clientUserTimeout;
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
			ChannelOption<Integer> userTimeout = transport.userTimeoutOption();
			if (channelType.equals(SocketChannel.class) && userTimeout != null) {
				channel.config().setOption(userTimeout, Math.toIntExact(clientUserTimeout.toMillis()));
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
