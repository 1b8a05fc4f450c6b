package lab.c10k.service.system;

import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The I/O multiplexer under the event loop ({@code c10k.transport}). Chosen explicitly, never
 * detected: with both native jars present Reactor Netty would pick one by itself, and its detection
 * does not know Netty 4.2's io_uring at all. The suppliers keep each native class unloaded until its
 * transport is asked for.
 */
public enum Transport {

	EPOLL("epoll", Epoll::unavailabilityCause, EpollIoHandler::newFactory, EpollServerSocketChannel.class,
			EpollSocketChannel.class, () -> new DeadPeerOptions(EpollChannelOption.TCP_USER_TIMEOUT,
					EpollChannelOption.TCP_KEEPIDLE, EpollChannelOption.TCP_KEEPINTVL, EpollChannelOption.TCP_KEEPCNT)),

	NIO("nio", () -> null, NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class,
			() -> null),

	IO_URING("io_uring", IoUring::unavailabilityCause, IoUringIoHandler::newFactory,
			IoUringServerSocketChannel.class, IoUringSocketChannel.class,
			() -> new DeadPeerOptions(IoUringChannelOption.TCP_USER_TIMEOUT, IoUringChannelOption.TCP_KEEPIDLE,
					IoUringChannelOption.TCP_KEEPINTVL, IoUringChannelOption.TCP_KEEPCNT));

	private final String id;

	private final Supplier<Throwable> unavailabilityCause;

	private final Supplier<IoHandlerFactory> ioHandlers;

	private final Class<? extends ServerSocketChannel> serverChannel;

	private final Class<? extends SocketChannel> socketChannel;

	private final Supplier<DeadPeerOptions> deadPeerOptions;

	Transport(String id, Supplier<Throwable> unavailabilityCause, Supplier<IoHandlerFactory> ioHandlers,
			Class<? extends ServerSocketChannel> serverChannel, Class<? extends SocketChannel> socketChannel,
			Supplier<DeadPeerOptions> deadPeerOptions) {
		this.id = id;
		this.unavailabilityCause = unavailabilityCause;
		this.ioHandlers = ioHandlers;
		this.serverChannel = serverChannel;
		this.socketChannel = socketChannel;
		this.deadPeerOptions = deadPeerOptions;
	}

	/** As in {@code c10k.transport} and in the event-loop threads' names. */
	public String id() {
		return id;
	}

	/** Fails with the reason (kernel, seccomp, missing native library) when this machine cannot run it. */
	public IoHandlerFactory ioHandlerFactory() {
		Throwable cause = unavailabilityCause.get();
		if (cause != null) {
			throw new IllegalStateException("c10k.transport=" + id + " was requested but " + id
					+ " is unavailable on this machine: " + cause, cause);
		}
		return ioHandlers.get();
	}

	/** The socket options that end a connection to a peer gone silent on this transport, or null: NIO has none. */
	public DeadPeerOptions deadPeerOptions() {
		return deadPeerOptions.get();
	}

	/**
	 * Linux's {@code TCP_USER_TIMEOUT} (milliseconds) and keepalive timing ({@code TCP_KEEPIDLE} and
	 * {@code TCP_KEEPINTVL} in seconds, {@code TCP_KEEPCNT}) as this transport's channel options. The JDK's NIO cannot
	 * set {@code TCP_USER_TIMEOUT}, so it has none of them here.
	 */
	public record DeadPeerOptions(ChannelOption<Integer> userTimeout, ChannelOption<Integer> keepIdle,
			ChannelOption<Integer> keepInterval, ChannelOption<Integer> keepCount) {
	}

	/** The channel class of this transport for a server or a client socket. */
	public <C extends Channel> Class<? extends C> channelClass(Class<C> type) {
		if (type.equals(ServerSocketChannel.class)) {
			return serverChannel.asSubclass(type);
		}
		if (type.equals(SocketChannel.class)) {
			return socketChannel.asSubclass(type);
		}
		throw new IllegalArgumentException("The " + id + " transport serves TCP sockets only, not " + type.getSimpleName());
	}

}
