package lab.c10k.conformance;

import lab.c10k.conformance.fuzz.Findings;
import lab.c10k.conformance.fuzz.Fixture;
import lab.c10k.conformance.fuzz.FuzzCase;
import lab.c10k.conformance.fuzz.Oracle;
import lab.c10k.conformance.fuzz.Requests;
import lab.c10k.conformance.support.ConformanceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

/**
 * Ten thousand generated bad requests (see {@code lab.c10k.conformance.fuzz}): each is answered 2xx or 4xx, never
 * 5xx, within the client's timeout; each 4xx is a problem of the contract; and afterwards the data they aimed at is
 * exactly as before. The seed is fixed, so CI sends the same requests every run; {@code -Dc10k.fuzz.seed} explores
 * others and {@code -Dc10k.fuzz.only=12,345} replays single cases.
 */
@ConformanceTest
class FuzzConformanceTest {

    private static final long SEED = Long.getLong("c10k.fuzz.seed", 20_261_201L);
    private static final int REQUESTS = Integer.getInteger("c10k.fuzz.requests", 10_000);

    /** Modest on purpose: the point is bad input, not load, and CI has two cores. */
    private static final int IN_FLIGHT = 16;

    /** Cases still unsent after this count as failures, so that a service that hangs often still gets a report. */
    private static final Duration BUDGET = Duration.ofSeconds(200);

    @Test
    @Timeout(300) // above the suite's 120 s, and above BUDGET plus the last answers' timeouts
    void badInputIsAnswered2xxOr4xxProblemAndChangesNothing() throws InterruptedException {
        Fixture fixture = Fixture.create();
        Map<String, String> before = fixture.snapshot();
        Findings findings = new Findings();
        int[] cases = cases();

        long started = System.nanoTime();
        int sent = sendAll(new Requests(fixture), cases, findings);
        System.out.printf("Fuzz: %d requests, seed %d, %d s; answers by category and status: %s%n", sent, SEED,
                (System.nanoTime() - started) / 1_000_000_000, findings.tally());

        assertAll(
                () -> assertThat(cases.length - sent).as("cases not sent within %s: answers too slow", BUDGET).isZero(),
                () -> assertThat(findings.wrongAnswers()).as(findings.report(SEED)).isZero(),
                () -> assertThat(fixture.snapshot()).as("the data after %d bad requests (seed %d)", sent, SEED)
                        .isEqualTo(before));
    }

    /** Sends the cases, at most {@link #IN_FLIGHT} at once, until done or out of budget; returns how many were sent. */
    private static int sendAll(Requests requests, int[] cases, Findings findings) throws InterruptedException {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        int sent = 0;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index : cases) {
                slots.acquire();
                if (System.nanoTime() > deadline) {
                    break;
                }
                sent++;
                senders.execute(() -> {
                    try {
                        FuzzCase fuzz = requests.next(SEED, index);
                        findings.add(index, fuzz, Oracle.judge(fuzz));
                    } catch (RuntimeException | Error e) {
                        findings.addBroken(index, "fuzzer", e);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return sent;
    }

    private static int[] cases() {
        String only = System.getProperty("c10k.fuzz.only", "");
        return only.isBlank() ? IntStream.range(0, REQUESTS).toArray()
                : Arrays.stream(only.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    }
}
