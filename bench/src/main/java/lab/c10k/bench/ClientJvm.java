package lab.c10k.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The load generator's own JVM work, so that a report can tell the generator's costs from the service's: its GC
 * pauses, and the time its JIT spends compiling (on the generator's one core, compiling takes CPU from the load).
 */
final class ClientJvm {

    private ClientJvm() {
    }

    /**
     * Milliseconds the JVM's collectors have stopped application threads so far. ZGC (bench/run.sh) counts its
     * pauses under "ZGC Major/Minor Pauses"; its "Cycles" beans count concurrent work, which stops no thread.
     */
    static long gcPauseMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().endsWith("Cycles")) {
                total += Math.max(0, gc.getCollectionTime());
            }
        }
        return total;
    }

    /** Milliseconds the JIT compilers have spent compiling so far (elapsed, summed over compiler threads). */
    static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }
}
