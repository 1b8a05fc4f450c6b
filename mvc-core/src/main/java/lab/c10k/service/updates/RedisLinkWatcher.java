package lab.c10k.service.updates;

import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import lab.c10k.common.problem.ApiException;
import reactor.core.Disposable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Answers waiting long polls with 503 as soon as Lettuce reports a connection to Redis lost: while
 * it is down no stock change can be published, and a waiter must not be left to time out as if
 * nothing had happened. Lettuce reconnects and re-subscribes by itself.
 */
@Component
class RedisLinkWatcher implements DisposableBean {

	private final Disposable subscription;

	RedisLinkWatcher(ClientResources lettuce, UpdateWaiters waiters) {
		this.subscription = lettuce.eventBus()
			.get()
			.filter(ConnectionDeactivatedEvent.class::isInstance)
			.subscribe(lost -> waiters.failAll(ApiException.unavailable("Redis", null)));
	}

	@Override
	public void destroy() {
		subscription.dispose();
	}

}
