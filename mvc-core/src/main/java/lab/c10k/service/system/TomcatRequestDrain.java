package lab.c10k.service.system;

import java.util.concurrent.atomic.AtomicInteger;

import lab.c10k.metrics.RequestDrain;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.Adapter;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.net.SocketEvent;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Waits at shutdown until Tomcat has written every answer it started, counting the requests inside its adapter
 * ({@code CoyoteAdapter.service} and {@code asyncDispatch}), which is where an answer's last bytes are written
 * ({@code Response.finishResponse}). Spring Boot's graceful shutdown counts servlets in use and async requests; a
 * servlet is released before its answer is written, so Boot can report "Graceful shutdown complete" while a worker is
 * still writing, and the web server's stop then closes that connection under it (NioEndpoint's poller closes every
 * socket it holds): the client gets a cut answer. Seen once in GracefulShutdownConformanceTest, a purchase's chunked
 * 201 without its last chunk; {@code TomcatRequestDrainTest} widens that window with a client that reads late.
 */
@Component
class TomcatRequestDrain extends RequestDrain implements TomcatConnectorCustomizer {

	private final AtomicInteger inAdapter;

	TomcatRequestDrain() {
		this(new AtomicInteger());
	}

	private TomcatRequestDrain(AtomicInteger inAdapter) {
		super("answer(s) Tomcat is still writing", inAdapter::get, WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 1);
		this.inAdapter = inAdapter;
	}

	/** The connector makes its adapter when it is initialised, so the count wraps it right after. */
	@Override
	public void customize(Connector connector) {
		connector.addLifecycleListener(event -> {
			if (Lifecycle.AFTER_INIT_EVENT.equals(event.getType())) {
				ProtocolHandler protocol = connector.getProtocolHandler();
				protocol.setAdapter(new CountedAdapter(protocol.getAdapter(), inAdapter));
			}
		});
	}

	private record CountedAdapter(Adapter adapter, AtomicInteger inAdapter) implements Adapter {

		@Override
		public void service(Request req, Response res) throws Exception {
			inAdapter.incrementAndGet();
			try {
				adapter.service(req, res);
			}
			finally {
				inAdapter.decrementAndGet();
			}
		}

		@Override
		public boolean asyncDispatch(Request req, Response res, SocketEvent status) throws Exception {
			inAdapter.incrementAndGet();
			try {
				return adapter.asyncDispatch(req, res, status);
			}
			finally {
				inAdapter.decrementAndGet();
			}
		}

		@Override
		public boolean prepare(Request req, Response res) throws Exception {
			return adapter.prepare(req, res);
		}

		@Override
		public void log(Request req, Response res, long time) {
			adapter.log(req, res, time);
		}

		@Override
		public void checkRecycled(Request req, Response res) {
			adapter.checkRecycled(req, res);
		}

		@Override
		public String getDomain() {
			return adapter.getDomain();
		}

	}

}
