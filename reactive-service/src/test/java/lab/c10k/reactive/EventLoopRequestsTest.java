package lab.c10k.reactive;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollIoHandle;
import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Fixtures;
import lab.c10k.conformance.support.LongPolls;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.scheduler.NonBlocking;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contrast to the blocking and the virtual-thread services' tests of the same kind: here a few
 * event-loop threads serve every request, and a waiting long poll holds no thread at all, so far
 * more can wait at once than there are threads.
 */
@ExtendWith(ServiceUnderTest.class)
class EventLoopRequestsTest {

	private static final int CLIENTS = 2_000;

	@Test
	void everyRequestRunsOnAnEpollEventLoopOfTheServer() {
		JsonNode ping = Api.get("/api/ping").expectJson(200);
		String thread = ping.path("thread").asString();

		assertThat(ping.path("virtual").asBoolean()).isFalse();
		assertThat(thread).startsWith("reactor-http-epoll-");
		IoEventLoop loop = ServerLoops.serverLoopRunning(ServiceUnderTest.context(), thread);
		assertThat(loop.isCompatible(EpollIoHandle.class)).as("an epoll event loop").isTrue();
		assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals(thread))
			.singleElement()
			.isInstanceOf(NonBlocking.class);
	}

	@Test
	void thousandsOfLongPollsWaitAtOnceOnAFewThreads() {
		int threads = ServiceUnderTest.context().getEnvironment()
			.getRequiredProperty("c10k.event-loop-threads", Integer.class);
		long trainId = Fixtures.createTrainId(10);

		List<CompletableFuture<Reply>> polls = LongPolls.startWaiting(trainId, 30_000, CLIENTS);
		Fixtures.buyTicket(trainId);

		assertThat(polls).allSatisfy(poll -> assertThat(Api.await(poll).expectJson(200).path("remaining").asInt())
			.isEqualTo(9));
		assertThat(Prometheus.sum("c10k_longpoll_waiting_peak")).as("most long polls waiting at once")
			.isGreaterThanOrEqualTo(CLIENTS)
			.isGreaterThan(100.0 * threads);
	}

}
