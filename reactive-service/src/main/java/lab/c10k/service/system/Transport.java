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
			EpollSocketChannel.class, () -> EpollChannelOption.TCP_USER_TIMEOUT),

	NIO("nio", () -> null, NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class,
			() -> null),

	IO_URING("io_uring", IoUring::unavailabilityCause, IoUringIoHandler::newFactory,
			IoUringServerSocketChannel.class, IoUringSocketChannel.class, () -> IoUringChannelOption.TCP_USER_TIMEOUT);

	private final String id;

	private final Supplier<Throwable> unavailabilityCause;

	private final Supplier<IoHandlerFactory> ioHandlers;

	private final Class<? extends ServerSocketChannel> serverChannel;

	private final Class<? extends SocketChannel> socketChannel;

	private final Supplier<ChannelOption<Integer>> userTimeout;

	Transport(String id, Supplier<Throwable> unavailabilityCause, Supplier<IoHandlerFactory> ioHandlers,
			Class<? extends ServerSocketChannel> serverChannel, Class<? extends SocketChannel> socketChannel,
			Supplier<ChannelOption<Integer>> userTimeout) {
		this.id = id;
		this.unavailabilityCause = unavailabilityCause;
		this.ioHandlers = ioHandlers;
		this.serverChannel = serverChannel;
		this.socketChannel = socketChannel;
		this.userTimeout = userTimeout;
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

	/**
	 * Linux's {@code TCP_USER_TIMEOUT} on this transport's sockets (milliseconds), or null: the JDK's NIO cannot set
	 * it.
	 */
	public ChannelOption<Integer> userTimeoutOption() {
		return userTimeout.get();
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
