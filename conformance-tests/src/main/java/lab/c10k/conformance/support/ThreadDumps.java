package lab.c10k.conformance.support;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dump of every thread of the test JVM, virtual ones included, when a request hangs past its bound. The service under
 * test runs in this JVM, so the dump shows what its threads were doing while the client waited: a hang seen once in
 * many full runs can then be explained from that run alone.
 */
final class ThreadDumps {

    private static final int MOST = 3;
    private static final AtomicInteger TAKEN = new AtomicInteger();

    private ThreadDumps() {
    }

    static void onHang(String what) {
        if (TAKEN.incrementAndGet() > MOST) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "thread-dumps"));
            Path file = dir.resolve("hang-" + Instant.now().toString().replace(':', '-') + "-" + TAKEN.get() + ".txt")
                    .toAbsolutePath();
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            System.err.println("Threads at the hang of " + what + ": " + file);
        } catch (IOException | RuntimeException e) {
            System.err.println("No thread dump for the hang of " + what + ": " + e);
        }
    }
}
