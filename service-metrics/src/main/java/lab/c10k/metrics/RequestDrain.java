package lab.c10k.metrics;

import java.time.Duration;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * At shutdown, waits until a web server's own count of requests still being served is zero, in a phase between its
 * graceful shutdown (which has said it is done) and the stop that closes its connections and then the MySQL and Redis
 * clients. Each stack's server says "done" too early, for its own reason, and each subclass counts what the server
 * missed: Reactor Netty 1.3.6 reported its graceful shutdown complete while purchases were inside their transaction
 * (reactive-service), and Spring Boot's Tomcat shutdown counts servlets in use, which are released before the answer's
 * last bytes are written (mvc-core). Like every phase it is bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}. Waiting long polls are answered before (UpdateWaiters), so they
 * do not hold it.
 */
public abstract class RequestDrain implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RequestDrain.class);

	/** How often the count is read: the drain takes a few transactions' time, so 10 ms adds little to it. */
	private static final Duration POLL = Duration.ofMillis(10);

	private final String what;

	private final IntSupplier inFlight;

	private final int phase;

	private volatile boolean running;

	/**
	 * @param what the requests counted, for the log line
	 * @param inFlight the count to wait for
	 * @param phase one below the web server's graceful shutdown phase
	 */
	protected RequestDrain(String what, IntSupplier inFlight, int phase) {
		this.what = what;
		this.inFlight = inFlight;
		this.phase = phase;
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("stopped with a callback, by the lifecycle processor");
	}

	/** Waits off the shutdown thread, so that the lifecycle processor's timeout for this phase applies. */
	@Override
	public void stop(Runnable callback) {
		running = false;
		Thread.ofPlatform().daemon().name("request-drain").start(() -> {
			int left = inFlight.getAsInt();
			if (left > 0) {
				log.info("Waiting for {} {}", left, what);
			}
			try {
				while (inFlight.getAsInt() > 0) {
					Thread.sleep(POLL);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			callback.run();
		});
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return phase;
	}

}
