package lab.c10k.bench;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/** The discrete-event simulation against queueing theory's closed forms, before it is trusted with anything else. */
class SimulationTest {

    private static final int JOBS = 400_000;

    @Test
    void mm1MatchesItsMeanAndItsExponentialResponseTime() {
        Simulation sim = new Simulation(1);
        Simulation.Station server = sim.new Station(1);
        poisson(sim, server, 800, () -> sim.exponential(1.0 / 1000), JOBS);
        sim.run();
        assertThat(sim.meanResponse()).isCloseTo(Queueing.mm1MeanResponse(800, 1000), withinPercentage(5));
        assertThat(sim.responsePercentile(99)).isCloseTo(Queueing.mm1ResponseQuantile(800, 1000, 0.99), withinPercentage(10));
        assertThat(server.utilisation()).isCloseTo(0.8, within(0.01));
    }

    @Test
    void mmcWaitsAsErlangCSays() {
        Simulation sim = new Simulation(2);
        Simulation.Station servers = sim.new Station(4);
        poisson(sim, servers, 3000, () -> sim.exponential(1.0 / 1000), JOBS);
        sim.run();
        assertThat(servers.waitingShare()).isCloseTo(Queueing.erlangC(4, 3), within(0.02));
        assertThat(servers.meanWait()).isCloseTo(Queueing.mmcMeanWait(4, 3000, 1000), withinPercentage(7));
    }

    @Test
    void md1WaitsAsPollaczekKhinchineSays() {
        Simulation sim = new Simulation(3);
        Simulation.Station server = sim.new Station(1);
        poisson(sim, server, 700, () -> 1.0 / 1000, JOBS);
        sim.run();
        assertThat(server.meanWait()).isCloseTo(Queueing.md1MeanWait(700, 1000), withinPercentage(5));
    }

    @Test
    void jobsInTheSystemAreArrivalRateTimesTimeInIt() {
        Simulation sim = new Simulation(4);
        Simulation.Station servers = sim.new Station(3);
        poisson(sim, servers, 2500, () -> sim.exponential(1.0 / 1000), JOBS);
        sim.run();
        double lambda = JOBS / sim.now();
        assertThat(sim.meanInSystem()).isCloseTo(lambda * sim.meanResponse(), withinPercentage(2));
    }

    @Test
    void erlangCKnownValues() {
        assertThat(Queueing.erlangC(1, 0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(Queueing.erlangC(2, 1)).isCloseTo(1.0 / 3, within(1e-12));
        // Thousands of servers: the recursion neither overflows nor returns NaN.
        assertThat(Queueing.erlangC(5000, 4900)).isBetween(0.0, 1.0);
    }

    @Test
    void aPoolWaiterGivesUpAfterItsBoundAndTheNextOneGetsTheConnection() {
        Simulation sim = new Simulation(5);
        Simulation.Pool pool = sim.new Pool(1);
        int[] outcome = new int[3];
        pool.acquire(1, () -> sim.after(5, pool::release), () -> outcome[0] = -1);
        sim.after(0.1, () -> pool.acquire(1, () -> outcome[1] = 1, () -> outcome[1] = -1));
        sim.after(4.5, () -> pool.acquire(1, () -> outcome[2] = 1, () -> outcome[2] = -1));
        sim.run();
        assertThat(outcome).containsExactly(0, -1, 1);
        assertThat(pool.timedOut()).isEqualTo(1);
    }

    /** {@code jobs} jobs arriving at random at {@code rate} per second, each served once by {@code station}. */
    private static void poisson(Simulation sim, Simulation.Station station, double rate, DoubleSupplier service,
            int jobs) {
        int[] sent = {0};
        Runnable[] arrive = new Runnable[1];
        arrive[0] = () -> {
            double since = sim.now();
            sim.entered();
            station.serve(service.getAsDouble(), () -> sim.left(since));
            if (++sent[0] < jobs) {
                sim.after(sim.exponential(1 / rate), arrive[0]);
            }
        };
        sim.after(0, arrive[0]);
    }
}
