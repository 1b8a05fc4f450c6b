package lab.c10k.blocking;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Fixtures;
import lab.c10k.conformance.support.Problems;
import lab.c10k.conformance.support.Recovery;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.RunningService;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocking model's own queue: a request that finds every Tomcat thread busy waits in the executor's queue, and one
 * that waited longer than {@code c10k.admission.max-queue-wait} is refused the moment it gets a thread (503, Retry-After)
 * instead of being served late. A second instance with 2 threads and a 100 ms bound, MySQL slowed so that each
 * purchase holds its thread, gets 10 purchases at once.
 */
@ExtendWith(ServiceUnderTest.class)
class ThreadQueueTest {

	private static final int BUYERS = 10;

	@Test
	void aRequestThatWaitedTooLongForAThreadIsRefusedAndChangesNothing() {
		long trainId = Fixtures.createTrainId(BUYERS + 1);
		RunningService second = ServiceUnderTest.startAnother(Map.of("server.tomcat.threads.max", "2",
				"server.tomcat.threads.min-spare", "1", "c10k.admission.max-queue-wait", "100ms"), links -> {
				});
		try {
			second.links().mysql().slow(Duration.ofMillis(300));
			List<Reply> replies = Api.concurrently(BUYERS, i -> Fixtures.jsonPost(second.baseUri(),
					Fixtures.ticketsPath(trainId), Fixtures.purchaseBody("Buyer " + i, Fixtures.newRequestId())).build());
			second.links().mysql().pass();

			Map<Integer, Long> statuses = Api.countByStatus(replies);
			assertThat(statuses.keySet()).as("answers by status: %s", statuses).containsOnly(201, 503);
			List<Reply> refused = replies.stream().filter(reply -> reply.status() == 503).toList();
			assertThat(refused).as("purchases that waited for a thread, answers: %s", statuses).isNotEmpty();
			refused.forEach(Problems::assertUnavailable);
			assertThat(refused).allSatisfy(reply -> assertThat(reply.json().path("detail").asString())
				.contains("for a thread"));

			long sold = statuses.getOrDefault(201, 0L);
			JsonNode audit = Recovery.awaitConsistent(trainId);
			assertThat(audit.path("sold").asLong()).as("audit %s", audit).isEqualTo(sold);
		}
		finally {
			second.close();
		}
	}

}
