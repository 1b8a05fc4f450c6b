package lab.c10k.service.system;

import java.time.Duration;

import lab.c10k.metrics.InFlightRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At shutdown, waits for the requests still being served after Reactor Netty's graceful shutdown has said it is done,
 * before the MySQL and Redis clients close under them. Seen in SigtermLabTest (a real SIGTERM among purchases on
 * kept-alive connections): Reactor Netty 1.3.6 logged "Graceful shutdown complete" 55 ms after it began while
 * purchases were still inside their MySQL transaction; Lettuce's connection factory then stopped, one sale's Redis
 * confirmation was dropped and two purchases were answered 500. This phase runs after the graceful one and before the
 * web server and the clients stop, and ends once the service's own count of requests in flight is zero. Like every
 * phase it is bounded by {@code spring.lifecycle.timeout-per-shutdown-phase}. Waiting long polls are answered before
 * (UpdateWaiters), so they do not hold it.
 */
@Component
class RequestDrain implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RequestDrain.class);

	/** How often the count is read: the drain takes a few transactions' time, so 10 ms adds little to it. */
	private static final Duration POLL = Duration.ofMillis(10);

	private final InFlightRequests inFlight;

	private volatile boolean running;

	RequestDrain(InFlightRequests inFlight) {
		this.inFlight = inFlight;
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
			int left = inFlight.current();
			if (left > 0) {
				log.info("Waiting for {} request(s) still in flight", left);
			}
			try {
				while (inFlight.current() > 0) {
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

	/** Stops after the graceful shutdown phase, before the web server's own stop and the clients'. */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 1;
	}

}
