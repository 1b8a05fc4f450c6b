package lab.c10k.bench;

import org.HdrHistogram.Histogram;

/**
 * A flash sale as queues, the way the services run one (TicketService.buy): every purchase passes the Redis gate,
 * which is CPU on the instance ({@code gateSeconds}: parse, the train's cache, the requestId lookup, the Lua script,
 * the answer, in {@code gateVisits} turns on the CPU with a round trip of I/O between two); one that gets a seat then takes a MySQL connection (waiting at most {@code connectionWaitSeconds},
 * Hikari's connection-timeout, else a 503 and the seat goes back), holds the one train row's lock for
 * {@code rowSeconds} (the hot row serialises every sale), keeps the connection {@code txDelaySeconds} longer (the
 * round trips and the log flush outside the lock), and settles on the CPU again ({@code settleSeconds} in {@code settleVisits} turns). CPU times
 * are exponential, the row's is constant. A 503 is retried by the same buyer after {@code retryAfterSeconds}, at
 * most {@code retries} times; past an instance's admission bound ({@code maxInFlight}) a purchase is refused at once
 * (503) as AdmissionFilter does.
 *
 * @param cores CPU servers: the instances times their cores; every request's CPU is served FCFS by any of them
 */
record SaleModel(int cores, double gateSeconds, int gateVisits, double settleSeconds, int settleVisits,
        double roundTripSeconds, int rows, double rowSeconds, double txDelaySeconds, int connections,
        double connectionWaitSeconds, int maxInFlight, int retries, double retryAfterSeconds) {

    /**
     * Round trips to Redis or MySQL, counted in the services' code, that split a purchase's CPU into visits: the
     * gate's three (the train cache GET, the ticket SELECT by requestId, reserve-seat.lua) make four visits; a sale's
     * settle side has four more (the transaction's start, its end, settle.lua, then the answer). Between two visits
     * the request waits on I/O and leaves the CPU to others; each visit queues again.
     */
    static final int GATE_VISITS = 4;

    static final int SETTLE_VISITS = 4;

    /** What a sale gave: throughput, when the last seat went, latencies (seconds), refusals. */
    record Outcome(long buyers, long sold, long refused503, long gaveUp, double seconds, double secondsToSellOut,
            double purchasesPerSecond, double p50, double p99, double saleP99, double cpuUtilisation,
            double rowUtilisation, double meanInSystem, double meanResponse) {
    }

    /** A closed sale: {@code vus} buyers at a time, each starting the next buyer's purchase when answered. */
    Outcome closed(long buyers, long seats, int vus, long seed) {
        Run run = new Run(seats, seed);
        for (int i = 0; i < vus; i++) {
            run.nextClosedBuyer(buyers);
        }
        run.sim.run();
        return run.outcome(run.started, run.lastAnswer);
    }

    /**
     * An open sale: {@code buyers} arriving at random (Poisson) over {@code seconds}. Simulated until every seat is
     * sold: the buyers after that meet a sold-out gate, and are counted without being simulated (the latency
     * percentiles are those of the simulated part, the sale itself).
     */
    Outcome open(long buyers, double seconds, long seats, long seed) {
        Run run = new Run(seats, seed);
        run.arrive(buyers / seconds, buyers);
        // Once the last seat is sold, every later buyer meets a sold-out gate: nothing more to learn from simulating
        // millions of them.
        for (double t = 1; t <= seconds && run.sold < seats; t++) {
            run.sim.runUntil(t);
        }
        return run.outcome(buyers, seconds);
    }

    private final class Run {

        final Simulation sim;

        final Simulation.Station cpu;

        final Simulation.Station[] rowLocks;

        final Simulation.Pool pool;

        final Histogram sales = new Histogram(3_600_000_000_000L, 3);

        final long[] seatsLeft;

        long started;

        long sold;

        long refused503;

        long gaveUp;

        long inFlight;

        double lastSold;

        double lastAnswer;

        long open;

        int nextRow;

        Run(long seats, long seed) {
            sim = new Simulation(seed);
            cpu = sim.new Station(cores);
            rowLocks = new Simulation.Station[rows];
            seatsLeft = new long[rows];
            for (int r = 0; r < rows; r++) {
                rowLocks[r] = sim.new Station(1);
                seatsLeft[r] = seats / rows + (r < seats % rows ? 1 : 0);
            }
            pool = sim.new Pool(connections);
        }

        void nextClosedBuyer(long buyers) {
            if (started < buyers) {
                started++;
                purchase(sim.now(), 0, () -> nextClosedBuyer(buyers));
            }
        }

        void arrive(double rate, long buyers) {
            if (open >= buyers) {
                return;
            }
            open++;
            started++;
            purchase(sim.now(), 0, () -> {
            });
            sim.after(sim.exponential(1 / rate), () -> arrive(rate, buyers));
        }

        /** One buyer's purchase, from its first attempt; {@code answered} runs once it has its final answer. */
        void purchase(double firstSent, int attempt, Runnable answered) {
            double sent = sim.now();
            sim.entered();
            if (inFlight >= maxInFlight) {
                refuse(firstSent, sent, attempt, answered);
                return;
            }
            inFlight++;
            visits(gateVisits, gateSeconds, () -> {
                int row = rowWithSeats();
                if (row < 0) {
                    done(sent, answered);
                    return;
                }
                seatsLeft[row]--;
                pool.acquire(connectionWaitSeconds, () -> rowLocks[row].serve(rowSeconds, () ->
                        sim.after(txDelaySeconds, () -> {
                            pool.release();
                            visits(settleVisits, settleSeconds, () -> {
                                sold++;
                                lastSold = sim.now();
                                sales.recordValue(Math.round((sim.now() - firstSent) * 1e9));
                                done(sent, answered);
                            });
                        })), () -> {
                            seatsLeft[row]++;
                            inFlight--;
                            refuse(firstSent, sent, attempt, answered);
                        });
            });
        }

        /** {@code n} turns on the CPU sharing {@code total} seconds of it, a round trip of I/O between two turns. */
        private void visits(int n, double total, Runnable done) {
            turn(n, total / n, done);
        }

        private void turn(int left, double each, Runnable done) {
            cpu.serve(sim.exponential(each), () -> {
                if (left > 1) {
                    sim.after(roundTripSeconds, () -> turn(left - 1, each, done));
                } else {
                    done.run();
                }
            });
        }

        /** Blocks with seats left take turns, so that K blocks serve K sales at once. */
        private int rowWithSeats() {
            for (int i = 0; i < rows; i++) {
                int r = nextRow;
                nextRow = (nextRow + 1) % rows;
                if (seatsLeft[r] > 0) {
                    return r;
                }
            }
            return -1;
        }

        private void refuse(double firstSent, double sent, int attempt, Runnable answered) {
            refused503++;
            sim.left(sent);
            if (attempt < retries) {
                sim.after(retryAfterSeconds, () -> purchase(firstSent, attempt + 1, answered));
            } else {
                gaveUp++;
                answered.run();
            }
        }

        private void done(double sent, Runnable answered) {
            inFlight--;
            sim.left(sent);
            lastAnswer = sim.now();
            answered.run();
        }

        Outcome outcome(long buyers, double seconds) {
            double p99Sale = sales.getTotalCount() == 0 ? Double.NaN : sales.getValueAtPercentile(99) / 1e9;
            return new Outcome(buyers, sold, refused503, gaveUp, seconds, sold == 0 ? Double.NaN : lastSold,
                    buyers / seconds, sim.responsePercentile(50), sim.responsePercentile(99), p99Sale,
                    cpu.utilisation(), rowLocks[0].utilisation(), sim.meanInSystem(), sim.meanResponse());
        }
    }
}
