package lab.c10k.service.system;

import lab.c10k.metrics.InFlightRequests;
import lab.c10k.metrics.RequestDrain;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Waits at shutdown for the requests still being served after Reactor Netty's graceful shutdown has said it is done.
 * Seen in SigtermLabTest (a real SIGTERM among purchases on kept-alive connections): Reactor Netty 1.3.6 logged
 * "Graceful shutdown complete" 55 ms after it began while purchases were still inside their MySQL transaction, and it
 * kept serving kept-alive connections after it; Lettuce's connection factory then stopped, one sale's Redis
 * confirmation was dropped and two purchases were answered 500. The count is the service's own, from Spring's HTTP
 * server observations.
 */
@Component
class ReactorNettyRequestDrain extends RequestDrain {

	ReactorNettyRequestDrain(InFlightRequests inFlight) {
		super("request(s) still in flight", inFlight::current, WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 1);
	}

}
