package lab.c10k.service.updates;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Starts the updates subscription, and keeps trying every second while Redis cannot be reached. Started by the
 * context instead, a container whose first subscription fails aborts the start of the whole service: an instance
 * deployed during a Redis outage would not even serve what MySQL alone can. Until it listens, long polls answer 503.
 */
@Component
class SubscriptionStarter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionStarter.class);

	private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

	private final UpdatesListening subscription;

	private final TaskScheduler scheduler;

	private volatile boolean running;

	private volatile ScheduledFuture<?> retry;

	SubscriptionStarter(UpdatesListening subscription, TaskScheduler scheduler) {
		this.subscription = subscription;
		this.scheduler = scheduler;
	}

	@Override
	public void start() {
		running = true;
		tryToStart();
	}

	private synchronized void tryToStart() {
		if (!running) {
			return;
		}
		try {
			subscription.start();
		}
		catch (RuntimeException ex) {
			log.warn("Updates subscription not started, retrying in {}: {}", RETRY_INTERVAL, ex.toString());
			retry = scheduler.schedule(this::tryToStart, Instant.now().plus(RETRY_INTERVAL));
		}
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (retry != null) {
			retry.cancel(false);
		}
		subscription.stop();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
