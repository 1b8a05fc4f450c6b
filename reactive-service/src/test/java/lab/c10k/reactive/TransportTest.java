package lab.c10k.reactive;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandle;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringServerSocketChannel;
import lab.c10k.conformance.support.Fixtures;
import lab.c10k.conformance.support.Json;
import lab.c10k.conformance.support.ServiceUnderTest;
import lab.c10k.service.system.Transport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.blockhound.BlockingOperationError;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code c10k.transport} is obeyed, not just echoed in a thread name: for each transport, an instance
 * is started on it, and the loop that served a request and the server's channel must be of that
 * transport. A transport this machine cannot run must stop the start with its reason.
 */
@ExtendWith(ServiceUnderTest.class)
class TransportTest {

	private static final Map<Transport, Class<? extends IoHandle>> HANDLES = Map.of(Transport.EPOLL,
			EpollIoHandle.class, Transport.NIO, NioIoHandle.class, Transport.IO_URING, IoUringIoHandle.class);

	private static final Map<Transport, Class<?>> SERVER_CHANNELS = Map.of(Transport.EPOLL,
			EpollServerSocketChannel.class, Transport.NIO, NioServerSocketChannel.class, Transport.IO_URING,
			IoUringServerSocketChannel.class);

	@ParameterizedTest
	@EnumSource(Transport.class)
	void theRequestedTransportServesTheSmokeTest(Transport transport) throws Exception {
		if (!availableHere(transport)) {
			assertThatThrownBy(() -> ExtraInstance.start("c10k.transport=" + transport.id()))
				.hasStackTraceContaining("c10k.transport=" + transport.id() + " was requested but");
			return;
		}
		try (ExtraInstance instance = ExtraInstance.start("c10k.transport=" + transport.id())) {
			assertThat(instance.serverChannel()).isInstanceOf(SERVER_CHANNELS.get(transport));

			JsonNode ping = Json.parse(instance.get("/api/ping").body());
			String thread = ping.path("thread").asString();
			assertThat(thread).startsWith("reactor-http-" + transport.id() + "-");
			IoEventLoop loop = ServerLoops.serverLoopRunning(instance.context(), thread);
			HANDLES.forEach((any, handle) -> assertThat(loop.isCompatible(handle))
				.as("%s loop takes %s", transport, handle.getSimpleName())
				.isEqualTo(any == transport));

			smokeTest(instance);
		}
	}

	private static void smokeTest(ExtraInstance instance) {
		HttpResponse<String> train = instance.postJson(Fixtures.TRAINS,
				Json.write(Fixtures.trainBody(Fixtures.uniqueCode(), 3)));
		assertThat(train.statusCode()).as(train.body()).isEqualTo(201);
		long trainId = Json.parse(train.body()).path("id").asLong();

		HttpResponse<String> ticket = instance.postJson(Fixtures.ticketsPath(trainId),
				Json.write(Fixtures.purchaseBody("Lao Wang", UUID.randomUUID().toString())));
		assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);

		assertThat(instance.get(Fixtures.trainPath(trainId) + "/updates?waitMs=100").statusCode()).isEqualTo(204);
		assertThat(Json.parse(instance.get(Fixtures.trainPath(trainId)).body()).path("remaining").asInt())
			.isEqualTo(2);
	}

	/** Whether this machine runs it; never because BlockHound broke the native library's loading. */
	private static boolean availableHere(Transport transport) {
		Throwable cause = switch (transport) {
			case EPOLL -> Epoll.unavailabilityCause();
			case IO_URING -> IoUring.unavailabilityCause();
			case NIO -> null;
		};
		for (Throwable t = cause; t != null; t = t.getCause()) {
			assertThat(t).as("why %s is unavailable", transport).isNotInstanceOf(BlockingOperationError.class);
		}
		return cause == null;
	}

}
