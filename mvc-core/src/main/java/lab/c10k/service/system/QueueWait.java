package lab.c10k.service.system;

import java.util.concurrent.TimeUnit;

import org.apache.tomcat.util.threads.TaskQueue;

/**
 * How long the request a Tomcat thread serves waited for that thread. Under the blocking model a request that finds
 * all 200 threads busy waits in the executor's queue (Tomcat's {@link TaskQueue}), which has no bound and which no
 * filter can see into: past the service's capacity that queue, and every request's latency with it, grows for as
 * long as the overload lasts. Each task records when it was queued, and {@link AdmissionFilter} refuses a request
 * that waited longer than {@code c10k.admission.max-queue-wait}, at the cost of a few microseconds of a thread.
 * A task that never waited (a thread was idle or was started for it; a virtual thread) records nothing.
 */
final class QueueWait {

	private static final ThreadLocal<Long> queuedAt = new ThreadLocal<>();

	private QueueWait() {
	}

	/**
	 * The time the first request of the task this thread runs waited in the queue, once: the task serves every request
	 * a kept-alive connection has ready, and those after the first did not wait for a thread.
	 */
	static long takeMillis() {
		Long at = queuedAt.get();
		if (at == null) {
			return 0;
		}
		queuedAt.remove();
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at);
	}

	/** Tomcat's queue of tasks waiting for a request thread, each marked with the time it was queued. */
	static final class TimedTaskQueue extends TaskQueue {

		TimedTaskQueue(int capacity) {
			super(capacity);
		}

		@Override
		public boolean offer(Runnable task) {
			return super.offer(timed(task));
		}

		@Override
		public boolean force(Runnable task) {
			return super.force(timed(task));
		}

		private static Runnable timed(Runnable task) {
			long at = System.nanoTime();
			return () -> {
				queuedAt.set(at);
				try {
					task.run();
				}
				finally {
					queuedAt.remove();
				}
			};
		}

	}

}
