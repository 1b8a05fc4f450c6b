package lab.c10k.lab;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Starting and stopping the lab's child processes: waits are bounded, and nothing outlives the test. */
final class Processes {

    private Processes() {
    }

    /**
     * Waits until {@code uri} answers 200. Fails early, with {@code diagnosis} (the end of a log), when the process
     * exits first, and when the bound passes.
     */
    static void awaitAnswer(String name, Process process, URI uri, Duration bound, Supplier<String> diagnosis) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!Http.answers200(uri)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + diagnosis.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": no 200 from " + uri + " within " + bound + ":\n"
                        + diagnosis.get());
            }
            pause(Duration.ofMillis(250));
        }
    }

    /** SIGTERM first (a graceful stop, as a container stop sends), then SIGKILL when it does not end in time. */
    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
