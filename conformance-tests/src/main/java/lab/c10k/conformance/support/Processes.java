package lab.c10k.conformance.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending the processes a test started: the instances, HAProxy, the cluster's nodes. */
final class Processes {

    private Processes() {
    }

    /** SIGTERM, a graceful stop within {@code grace}, else SIGKILL; returns once the process is gone. */
    static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
