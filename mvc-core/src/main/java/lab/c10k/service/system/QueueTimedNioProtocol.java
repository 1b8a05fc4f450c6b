package lab.c10k.service.system;

import java.util.concurrent.TimeUnit;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

/**
 * Tomcat's NIO connector with one change: the request threads' pool queues tasks in a {@link QueueWait.TimedTaskQueue},
 * so a request knows how long it waited for its thread. The pool is built as Tomcat builds its own (same sizes, same
 * thread names) and stays Tomcat's to stop. Under virtual threads the connector is given its executor and builds none.
 */
public class QueueTimedNioProtocol extends Http11NioProtocol {

	public QueueTimedNioProtocol() {
		super(new Endpoint());
	}

	private static final class Endpoint extends NioEndpoint {

		@Override
		public void createExecutor() {
			if (getUseVirtualThreads()) {
				super.createExecutor();
				return;
			}
			TaskQueue queue = new QueueWait.TimedTaskQueue(getMaxQueueSize());
			ThreadPoolExecutor pool = new ThreadPoolExecutor(getMinSpareThreads(), getMaxThreads(),
					getThreadsMaxIdleTime(), TimeUnit.MILLISECONDS, queue,
					new TaskThreadFactory(getName() + "-exec-", getDaemon(), getThreadPriority()));
			queue.setParent(pool);
			setExecutor(pool);
			// setExecutor marks a pool as the caller's; this one is built here, so Tomcat stops it as its own
			internalExecutor = true;
		}

	}

}
