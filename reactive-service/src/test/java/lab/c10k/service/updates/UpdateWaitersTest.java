package lab.c10k.service.updates;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import lab.c10k.common.api.TrainUpdate;
import lab.c10k.common.problem.ApiException;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.updates.TrainSubscriptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The subscription's I/O thread only completes futures: each poll's answer, woken or failed, is signalled on the
 * poll's own event loop, so that waking thousands of polls leaves that thread free to hear the next message.
 */
class UpdateWaitersTest {

	private static final long TRAIN = 7;

	private final RedisKeys keys = new RedisKeys("test:");

	private final UpdateWaiters waiters = new UpdateWaiters(keys, new SimpleMeterRegistry(), Duration.ofSeconds(2));

	private final DefaultEventLoop pollLoop = new DefaultEventLoop();

	private final AtomicReference<Thread> signalledOn = new AtomicReference<>();

	@BeforeEach
	void start() {
		waiters.start();
	}

	@AfterEach
	void stop() {
		waiters.stop();
		pollLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
	}

	@Test
	void aWokenPollIsAnsweredOnItsOwnLoop() throws Exception {
		CompletableFuture<TrainUpdate> answer = poll();

		// The poll arrived at version 3; the sale's message (9 left, version 4) comes on this thread.
		waiters.message(keys.updatesChannel(TRAIN), "9:1700000000000:4");

		assertThat(answer.get(10, TimeUnit.SECONDS).remaining()).isEqualTo(9);
		assertThat(pollLoop.inEventLoop(signalledOn.get())).as("answered on " + signalledOn.get()).isTrue();
	}

	@Test
	void aPollFailedByAnOutageIsAnsweredOnItsOwnLoop() {
		CompletableFuture<TrainUpdate> answer = poll();

		waiters.failAll("test outage", null);

		assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(ApiException.class);
		assertThat(pollLoop.inEventLoop(signalledOn.get())).as("answered on " + signalledOn.get()).isTrue();
	}

	private CompletableFuture<TrainUpdate> poll() {
		return waiters.await(TRAIN, Duration.ofSeconds(30), TrainSubscriptions.PATTERN, Mono.just(3L), pollLoop)
			.doOnEach(signal -> signalledOn.compareAndSet(null, Thread.currentThread()))
			.toFuture();
	}

}
