package lab.c10k.service.updates;

import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import lab.c10k.service.system.C10kProperties;
import lab.c10k.service.system.Outages;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Answers waiting long polls with 503 as soon as Redis is known to be away: Lettuce reports a
 * connection lost, the heartbeat cannot be published, or the subscription stopped hearing it (a
 * frozen server or link closes nothing). While it is away no stock change can be published, and a
 * waiter must not be left to time out as if nothing had happened. The heartbeat is a timer, not a
 * thread: every {@code c10k.redis.heartbeat-interval} one PUBLISH (on a Redis Cluster, one SPUBLISH per master).
 */
@Component
class RedisLinkWatcher implements DisposableBean, ApplicationListener<ContextClosedEvent> {

	private final Disposable watching;

	/** Set once shutdown begins: connections closed by it are no outage, and the waiters answer 204 instead. */
	private volatile boolean closing;

	RedisLinkWatcher(ClientResources lettuce, UpdateWaiters waiters, UpdatesSubscription subscription,
			C10kProperties properties) {
		Flux<?> lost = lettuce.eventBus().get()
			.filter(event -> event instanceof ConnectionDeactivatedEvent && !closing)
			.doOnNext(event -> waiters.failAll("connection lost: " + event, null));
		Flux<?> heartbeats = Flux.interval(properties.redis().heartbeatInterval())
			.onBackpressureDrop()
			.concatMap(tick -> subscription.heartbeat()
				.then(Mono.fromRunnable(() -> {
					if (subscription.isDeaf() && !closing) {
						waiters.failAll("subscription deaf: no heartbeat heard", null);
					}
				}))
				.onErrorResume(Outages::isOutage,
						ex -> Mono.fromRunnable(() -> waiters.failAll("heartbeat failed: " + ex, ex))));
		this.watching = Disposables.composite(lost.subscribe(), heartbeats.subscribe());
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
