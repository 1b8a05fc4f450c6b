package lab.c10k.reactive;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Every test of this module runs with BlockHound installed (its JUnit Platform listener does it); this
 * proves it is, so that a green build really means no event loop was blocked.
 */
class BlockHoundIsActiveTest {

	@Test
	void sleepingOnANonBlockingThreadFails() {
		Mono<Void> sleepy = Mono.<Void>fromRunnable(BlockHoundIsActiveTest::sleep).subscribeOn(Schedulers.parallel());

		StepVerifier.create(sleepy).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(5));
	}

	@Test
	void sleepingWhereBlockingIsAllowedPasses() {
		Mono<Void> sleepy = Mono.<Void>fromRunnable(BlockHoundIsActiveTest::sleep)
			.subscribeOn(Schedulers.boundedElastic());

		StepVerifier.create(sleepy).verifyComplete();
	}

	private static void sleep() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
