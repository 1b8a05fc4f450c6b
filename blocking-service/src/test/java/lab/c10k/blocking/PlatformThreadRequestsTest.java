package lab.c10k.blocking;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Fixtures;
import lab.c10k.conformance.support.LongPolls;
import lab.c10k.conformance.support.Problems;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contrast to virtual-thread-service's test of the same name: here each waiting long poll holds
 * one of Tomcat's platform threads, so fewer may wait at once than the pool has threads.
 */
@ExtendWith(ServiceUnderTest.class)
class PlatformThreadRequestsTest {

	private static final int CLIENTS = 2_000;

	/**
	 * The crowd queues for Tomcat's threads (each refused or held 300 ms), and with three builds beside the suite the
	 * last polls were seen answering after more than the suite's usual 30 s. This bounds a hang, not the speed.
	 */
	private static final Duration QUEUED = Duration.ofMinutes(2);

	@Test
	void everyRequestRunsOnAPlatformThreadOfTomcatsPool() {
		JsonNode ping = Api.get("/api/ping").expectJson(200);

		assertThat(ping.path("virtual").asBoolean()).isFalse();
		assertThat(ping.path("thread").asString()).startsWith("http-nio-");
	}

	/**
	 * Each waiting poll holds a platform thread, so the service holds fewer polls than it has threads
	 * ({@code c10k.admission.max-waiting-polls}) and refuses the rest at once: a crowd cannot take every thread, and a
	 * purchase sent into it is answered at once, served or refused.
	 */
	@Test
	void waitingLongPollsAreCappedBelowTheThreadPoolSoAPurchaseIsStillAnswered() {
		int maxThreads = ServiceUnderTest.context().getEnvironment()
			.getRequiredProperty("server.tomcat.threads.max", Integer.class);
		int maxPolls = ServiceUnderTest.context().getEnvironment()
			.getRequiredProperty("c10k.admission.max-waiting-polls", Integer.class);
		assertThat(maxPolls).as("polls held at once, against %d threads", maxThreads).isLessThan(maxThreads);
		long trainId = Fixtures.createTrainId(10);

		List<CompletableFuture<Reply>> polls = IntStream.range(0, CLIENTS)
			.mapToObj(i -> Api.sendAsync(Api.request(LongPolls.updatesPath(trainId, 300)).timeout(QUEUED).GET().build()))
			.toList();
		String requestId = Fixtures.newRequestId();
		Reply sale = Api.send(Fixtures.jsonPost(Fixtures.ticketsPath(trainId),
				Fixtures.purchaseBody("Into the crowd", requestId)));

		// Served, or refused at once because it waited for a thread behind the crowd's refusals (max-queue-wait):
		// answered either way, never left waiting for a poll to end; a retry with its requestId sells.
		assertThat(sale.status()).as("a purchase sent into the crowd: %s", sale).isIn(201, 503);
		if (sale.status() == 503) {
			Problems.assertUnavailable(sale);
			// Retried as the contract asks, after Retry-After (1 s), until the crowd has gone.
			Awaitility.await("a retry of the refused purchase sells").atMost(QUEUED).pollDelay(Duration.ofSeconds(1))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> Fixtures.buy(trainId, Fixtures.purchaseBody("Into the crowd", requestId)).status(),
						status -> status == 200 || status == 201);
		}
		List<Reply> replies = polls.stream().map(Api::await).toList();
		assertThat(Api.countByStatus(replies).keySet()).as("answers by status").isSubsetOf(200, 204, 503);
		replies.stream().filter(reply -> reply.status() == 503).forEach(Problems::assertUnavailable);
		assertThat(Prometheus.sum("c10k_longpoll_waiting_peak")).as("most long polls waiting at once")
			.isEqualTo(maxPolls);
	}

	@Test
	void tomcatsThreadAndConnectionGaugesReadTheConnector() {
		int maxThreads = ServiceUnderTest.context().getEnvironment()
			.getRequiredProperty("server.tomcat.threads.max", Integer.class);
		long trainId = Fixtures.createTrainId(1);
		List<CompletableFuture<Reply>> polls = LongPolls.startWaiting(trainId, 30_000, 3);

		String exposition = Prometheus.scrape();
		assertThat(Prometheus.sum(exposition, "tomcat_threads_config_max_threads")).isEqualTo(maxThreads);
		// The three waiting polls and the scrape itself each hold a thread and a connection.
		assertThat(Prometheus.sum(exposition, "tomcat_threads_busy_threads")).isGreaterThanOrEqualTo(4);
		assertThat(Prometheus.sum(exposition, "tomcat_connections_current_connections")).isGreaterThanOrEqualTo(4);

		Fixtures.buyTicket(trainId);
		polls.forEach(poll -> Api.await(poll).expectStatus(200));
	}

}
