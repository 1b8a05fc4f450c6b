package lab.c10k.service.system;

import java.util.concurrent.TimeUnit;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

/**
 * Tomcat's NIO connector with two changes. The request threads' pool queues tasks in a {@link QueueWait.TimedTaskQueue},
 * so a request knows how long it waited for its thread; the pool is built as Tomcat builds its own (same sizes, same
 * thread names) and stays Tomcat's to stop, and under virtual threads the connector is given its executor and builds
 * none. And each request's response buffer has the size {@code responseBufferSize} (Tomcat's HTTP/1.1 connector has
 * no setting for it: 8 KiB of bytes and 8 Ki chars, allocated for every request in progress, a held long poll's too).
 */
public class ServiceNioProtocol extends Http11NioProtocol {

	private int responseBufferSize = -1;

	public ServiceNioProtocol() {
		super(new Endpoint());
	}

	/** Set as the connector's property {@code responseBufferSize}; a response larger than it is sent chunked. */
	public void setResponseBufferSize(int bytes) {
		this.responseBufferSize = bytes;
	}

	@Override
	public int getDesiredBufferSize() {
		return responseBufferSize;
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
