package lab.c10k.reactive;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.util.concurrent.EventExecutor;

import org.springframework.context.ApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/** Finds the event loop of a running service that owns a thread, to assert what kind of loop it is. */
final class ServerLoops {

	private ServerLoops() {
	}

	/** The server event loop that runs as a thread of this name, or an AssertionError. */
	static IoEventLoop serverLoopRunning(ApplicationContext context, String threadName) {
		EventLoopGroup loops = context.getBean(ReactorResourceFactory.class).getLoopResources().onServer(true);
		// Several services run in the test JVM, each with a reactor-http-epoll-1: the loop must be this one's.
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			for (EventExecutor loop : loops) {
				if (thread.getName().equals(threadName) && loop.inEventLoop(thread)) {
					return (IoEventLoop) loop;
				}
			}
		}
		throw new AssertionError(threadName + " is not one of the server's event loops");
	}

}
