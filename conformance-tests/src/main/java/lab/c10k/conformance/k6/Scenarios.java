package lab.c10k.conformance.k6;

import org.graalvm.polyglot.Engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the scenarios side by side, as k6 does: every VU is initialised (its own context, on its own platform thread)
 * before any starts, each scenario waits for its startTime, arrival-rate scenarios start iterations at their pace,
 * and a VU takes the next iteration of its scenario until the plan's count is done.
 */
final class Scenarios {

    private final K6Run run;
    private final Engine engine;
    private final ShimFileSystem files;
    private final Duration deadline;

    Scenarios(K6Run run, Engine engine, ShimFileSystem files, Duration deadline) {
        this.run = run;
        this.engine = engine;
        this.files = files;
        this.deadline = deadline;
    }

    void run(List<ScenarioPlan> plans, String data) {
        int vus = plans.stream().mapToInt(ScenarioPlan::vus).sum();
        CountDownLatch ready = new CountDownLatch(vus);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ids = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (ScenarioPlan plan : plans) {
            AtomicLong next = new AtomicLong();
            for (int i = 0; i < plan.vus(); i++) {
                int id = ids.incrementAndGet();
                threads.add(Thread.ofPlatform().name("k6-shim-" + plan.name() + "-vu" + id).start(() ->
                        runVu(plan, id, next, data, ready, go)));
            }
        }
        try {
            ready.await();
            run.metrics().add("vus", vus, run.tags(null).forSample(Map.of(), Map.of()));
            run.metrics().add("vus_max", vus, run.tags(null).forSample(Map.of(), Map.of()));
            go.countDown();
            long end = System.nanoTime() + deadline.toNanos();
            for (Thread thread : threads) {
                thread.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
                if (thread.isAlive()) {
                    run.problem(thread.getName() + " did not finish within " + deadline + "; interrupting it");
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(10));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.forEach(Thread::interrupt);
            throw new IllegalStateException("interrupted while the scenarios ran", e);
        }
    }

    private void runVu(ScenarioPlan plan, int id, AtomicLong next, String data, CountDownLatch ready, CountDownLatch go) {
        Shim shim = new Shim(run, id, plan);
        Vu vu;
        try {
            vu = run.guarded("the init context of VU " + id, () -> new Vu(engine, run.script(), files, shim, run.log()));
        } finally {
            ready.countDown();
        }
        if (vu == null) {
            return;
        }
        try (vu) {
            go.await();
            long start = System.nanoTime() + plan.startTime().toNanos();
            int perVu = plan.perVu() ? plan.iterations() / plan.vus() : Integer.MAX_VALUE;
            for (int iter = 0; iter < perVu; iter++) {
                long k = next.getAndIncrement();
                if (k >= plan.iterations()) {
                    break;
                }
                long due = start + k * plan.interval().toNanos();
                Thread.sleep(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
                iteration(vu, plan, iter, k, data);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void iteration(Vu vu, ScenarioPlan plan, int iter, long k, String data) {
        Shim shim = vu.shim();
        shim.enter(Shim.Phase.ITERATION, run.tags(plan));
        shim.iteration(iter, k);
        vu.iteration(iter);
        long started = System.nanoTime();
        String where = "scenario " + plan.name() + ", " + plan.exec() + "() iteration " + k;
        if (run.guarded(where, () -> vu.call(plan.exec(), data)) != null) {
            Map<String, String> sample = shim.tags().forSample(Map.of(), Map.of());
            run.metrics().add("iteration_duration", (System.nanoTime() - started) / 1e6, sample);
            run.metrics().add("iterations", 1, sample);
            run.ran(plan.name());
        }
    }
}
