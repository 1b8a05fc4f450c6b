package lab.c10k.service.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
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

	TransportLoopResources(Transport transport, int threads) {
		this.transport = transport;
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
			return transport.channelClass(channelType).getDeclaredConstructor().newInstance();
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
