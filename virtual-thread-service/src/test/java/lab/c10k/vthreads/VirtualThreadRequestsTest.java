package lab.c10k.vthreads;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Fixtures;
import lab.c10k.conformance.support.LongPolls;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves the claim of this service instead of trusting its configuration. */
@ExtendWith(ServiceUnderTest.class)
class VirtualThreadRequestsTest {

	private static final int WAITERS = 2_000;

	@Test
	void everyRequestRunsOnAVirtualThread() {
		JsonNode ping = Api.get("/api/ping").expectJson(200);

		assertThat(ping.path("virtual").asBoolean()).isTrue();
		assertThat(ping.path("model").asString()).isEqualTo("virtual-threads");
	}

	@Test
	void twoThousandWaitingLongPollsHoldFewerThanAHundredPlatformThreads() {
		long trainId = Fixtures.createTrainId(10);

		List<CompletableFuture<Reply>> polls = LongPolls.startWaiting(trainId, 30_000, WAITERS);
		int platformThreads = ManagementFactory.getThreadMXBean().getThreadCount();
		String threadNames = platformThreadNames();
		double waiting = Prometheus.sum(LongPolls.WAITING_GAUGE);
		Fixtures.buyTicket(trainId);

		assertThat(waiting).isGreaterThanOrEqualTo(WAITERS);
		assertThat(platformThreads).as("platform threads of the JVM while %d long polls wait: %s", WAITERS, threadNames)
			.isLessThan(100);
		assertThat(polls).allSatisfy(poll -> assertThat(Api.await(poll).status()).isIn(200, 204));
		assertThat(Prometheus.sum("c10k_longpoll_waiting_peak")).isGreaterThanOrEqualTo(WAITERS);
	}

	/** The live platform threads by name with digits folded (http-nio-exec-#: 10), to explain a failure. */
	private static String platformThreadNames() {
		return Thread.getAllStackTraces().keySet().stream()
			.map(thread -> thread.getName().replaceAll("\\d+", "#"))
			.collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()))
			.toString();
	}

	@Test
	void virtualThreadMetricsArePublishedAndTomcatPoolGaugesAreNot() {
		String metrics = Prometheus.scrape();

		assertThat(metrics).contains("jvm_threads_virtual_pinned_seconds");
		assertThat(metrics).doesNotContain("tomcat_threads_");
	}

}
