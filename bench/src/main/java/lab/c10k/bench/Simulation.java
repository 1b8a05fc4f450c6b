package lab.c10k.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A small discrete-event simulation, in seconds: events in time order, FCFS stations of c servers, a pool of
 * connections whose waiters give up after a bound, response times in a histogram and the number of jobs in the
 * system integrated over time (for Little's law). The capacity model (CapacityModel) builds its queues from these;
 * no library is needed for so little, and every rule of the model stays readable in one file.
 */
final class Simulation {

    private final PriorityQueue<Event> events = new PriorityQueue<>();

    private final Random random;

    private double now;

    private long sequence;

    private final Histogram responses = new Histogram(3_600_000_000_000L, 3);

    private long inSystem;

    private double inSystemArea;

    private double inSystemSince;

    Simulation(long seed) {
        this.random = new Random(seed);
    }

    double now() {
        return now;
    }

    void after(double delay, Runnable action) {
        events.add(new Event(now + delay, sequence++, action));
    }

    /** Runs events until none is left or the next is later than {@code end}. */
    void runUntil(double end) {
        while (!events.isEmpty() && events.peek().time() <= end) {
            Event next = events.poll();
            now = next.time();
            next.action().run();
        }
    }

    void run() {
        runUntil(Double.POSITIVE_INFINITY);
    }

    double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /** A job entered the system: counted in the time-average of jobs in the system. */
    void entered() {
        countInSystem(+1);
    }

    /** A job that entered at {@code since} left: its response time is recorded. */
    void left(double since) {
        countInSystem(-1);
        responses.recordValue(Math.max(0, Math.round((now - since) * 1e9)));
    }

    private void countInSystem(int delta) {
        inSystemArea += inSystem * (now - inSystemSince);
        inSystemSince = now;
        inSystem += delta;
    }

    /** Jobs in the system, averaged over the time simulated so far (L of Little's law). */
    double meanInSystem() {
        countInSystem(0);
        return now == 0 ? 0 : inSystemArea / now;
    }

    Histogram responses() {
        return responses;
    }

    /** The response time at percentile {@code p} (0-100), in seconds. */
    double responsePercentile(double p) {
        return responses.getValueAtPercentile(p) / 1e9;
    }

    double meanResponse() {
        return responses.getMean() / 1e9;
    }

    private record Event(double time, long seq, Runnable action) implements Comparable<Event> {

        @Override
        public int compareTo(Event other) {
            int byTime = Double.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    /** c identical servers in front of one first-come-first-served queue. */
    final class Station {

        private final int servers;

        private final ArrayDeque<Waiting> queue = new ArrayDeque<>();

        private int busy;

        private double busyArea;

        private double busySince;

        private long started;

        private long startedAfterWaiting;

        private double waitSum;

        Station(int servers) {
            this.servers = servers;
        }

        /** Serves the job for {@code service} seconds once a server is free, then runs {@code done}. */
        void serve(double service, Runnable done) {
            if (busy < servers) {
                start(now, service, done);
            } else {
                queue.add(new Waiting(now, service, done));
            }
        }

        private void start(double arrived, double service, Runnable done) {
            countBusy(+1);
            started++;
            waitSum += now - arrived;
            if (now > arrived) {
                startedAfterWaiting++;
            }
            after(service, () -> {
                countBusy(-1);
                // The next in line takes the server before the job that leaves can queue again behind it.
                Waiting next = queue.poll();
                if (next != null) {
                    start(next.arrived(), next.service(), next.done());
                }
                done.run();
            });
        }

        private void countBusy(int delta) {
            busyArea += busy * (now - busySince);
            busySince = now;
            busy += delta;
        }

        /** Busy servers averaged over the time simulated, divided by the servers: the utilisation. */
        double utilisation() {
            countBusy(0);
            return now == 0 ? 0 : busyArea / now / servers;
        }

        double meanWait() {
            return started == 0 ? 0 : waitSum / started;
        }

        /** The share of jobs that found every server busy (Erlang C's probability of waiting). */
        double waitingShare() {
            return started == 0 ? 0 : (double) startedAfterWaiting / started;
        }

        private record Waiting(double arrived, double service, Runnable done) {
        }
    }

    /**
     * Connections (a HikariCP pool, a MySQL row lock's queue) taken one per job, handed to waiters in order; a waiter
     * that has not got one after {@code maxWait} seconds gives up, as Hikari's connection-timeout makes it do.
     */
    final class Pool {

        private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

        private int free;

        private int waiting;

        private long timedOut;

        Pool(int size) {
            this.free = size;
        }

        void acquire(double maxWait, Runnable acquired, Runnable gaveUp) {
            if (free > 0 && waiting == 0) {
                free--;
                acquired.run();
                return;
            }
            Waiter waiter = new Waiter(acquired);
            waiters.add(waiter);
            waiting++;
            after(maxWait, () -> {
                if (!waiter.served) {
                    // Left in the queue and skipped there: removing it now would cost a scan of the queue.
                    waiter.gaveUp = true;
                    waiting--;
                    timedOut++;
                    gaveUp.run();
                }
            });
        }

        void release() {
            Waiter next = waiters.poll();
            while (next != null && next.gaveUp) {
                next = waiters.poll();
            }
            if (next == null) {
                free++;
                return;
            }
            next.served = true;
            waiting--;
            next.acquired.run();
        }

        long timedOut() {
            return timedOut;
        }

        private static final class Waiter {

            private final Runnable acquired;

            private boolean served;

            private boolean gaveUp;

            Waiter(Runnable acquired) {
                this.acquired = acquired;
            }
        }
    }
}
