package lab.c10k.service.updates;

import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import lab.c10k.service.system.HeartbeatAcks;
import lab.c10k.service.system.Outages;
import reactor.core.Disposable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Answers waiting long polls with 503 as soon as Lettuce reports a connection to Redis lost: while it is down no stock
 * change can be published, and a waiter must not be left to time out as if nothing had happened. Lettuce reconnects
 * and re-subscribes by itself. A connection that merely went silent is closed, and so reported, by the service's
 * SilentConnectionCloser; the heartbeat published here is what its subscription must keep hearing once Redis has
 * taken it.
 */
@Component
class RedisLinkWatcher implements DisposableBean, ApplicationListener<ContextClosedEvent> {

	private final Disposable watching;

	private final UpdatesListening subscription;

	private final HeartbeatAcks heartbeats;

	/** Set once shutdown begins: connections closed by it are no outage, and the waiters answer 204 instead. */
	private volatile boolean closing;

	RedisLinkWatcher(ClientResources lettuce, UpdateWaiters waiters, UpdatesListening subscription,
			HeartbeatAcks heartbeats) {
		this.subscription = subscription;
		this.heartbeats = heartbeats;
		this.watching = lettuce.eventBus()
			.get()
			.filter(ConnectionDeactivatedEvent.class::isInstance)
			.filter(lost -> !closing)
			.subscribe(lost -> waiters.failAll("connection lost: " + lost, null));
	}

	@Scheduled(fixedDelayString = "${c10k.redis.heartbeat-interval:500ms}")
	void heartbeat() {
		try {
			long sentAt = System.nanoTime();
			subscription.heartbeat();
			heartbeats.acknowledged(sentAt);
		}
		catch (RuntimeException ex) {
			// Redis is away or silent: its connection is rejected or closed, which tells the waiters.
			if (!Outages.isOutage(ex)) {
				throw ex;
			}
		}
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		closing = true;
	}

	@Override
	public void destroy() {
		watching.dispose();
	}

}
