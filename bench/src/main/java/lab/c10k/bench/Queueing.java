package lab.c10k.bench;

/**
 * Closed-form results of queueing theory that the simulation is checked against (SimulationTest), and that the
 * capacity model uses where a formula is enough. Rates per second, times in seconds.
 */
final class Queueing {

    private Queueing() {
    }

    /**
     * Erlang C: the probability that a job of an M/M/c queue waits, with offered load {@code a = λ/μ} (< c). Through
     * Erlang B's recursion, which neither overflows nor loses precision at thousands of servers.
     */
    static double erlangC(int c, double a) {
        if (a >= c) {
            return 1;
        }
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        return c * b / (c - a * (1 - b));
    }

    /** M/M/c: the mean time a job waits before service. */
    static double mmcMeanWait(int c, double lambda, double mu) {
        return erlangC(c, lambda / mu) / (c * mu - lambda);
    }

    /** M/M/1: the mean time in the system, 1 / (μ - λ). */
    static double mm1MeanResponse(double lambda, double mu) {
        return 1 / (mu - lambda);
    }

    /** M/M/1 (FCFS): the time in the system is exponential with rate μ - λ, so its p-th quantile (0-1) is this. */
    static double mm1ResponseQuantile(double lambda, double mu, double p) {
        return -Math.log(1 - p) / (mu - lambda);
    }

    /** M/D/1 (Pollaczek-Khinchine with a constant service time 1/μ): the mean wait ρ / (2μ(1 - ρ)). */
    static double md1MeanWait(double lambda, double mu) {
        double rho = lambda / mu;
        return rho / (2 * mu * (1 - rho));
    }
}
