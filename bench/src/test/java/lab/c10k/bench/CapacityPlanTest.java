package lab.c10k.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The capacity model fed with this project's committed measurements (docs/scaling.md): the raw run documents of the
 * latest full comparison and the hot-row and Redis figures of bench/capacity-inputs.sh. The tolerances were set
 * before the simulation first ran against them; where it disagrees, docs/scaling.md says by how much and why, and
 * the test pins the direction of the disagreement instead of widening a tolerance until it passes.
 */
class CapacityPlanTest {

    static final Path RESULTS = Path.of("../results/2026-12-03T14-46-13Z");

    static final Path INPUTS = Path.of("../results/2026-12-03T18-13-46Z-capacity-inputs");

    private static List<MeasuredFigures> models;

    private static MeasuredFigures.Inputs inputs;

    @BeforeAll
    static void read() {
        models = MeasuredFigures.read(RESULTS);
        inputs = MeasuredFigures.Inputs.read(INPUTS);
    }

    private static MeasuredFigures model(String service) {
        return models.stream().filter(m -> m.service().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void theFiguresReadFromRawDataAreTheMediansItsResultsMdGives() {
        assertThat(models).extracting(MeasuredFigures::service).containsExactly("blocking", "virtual-threads", "reactive");
        assertThat(model("blocking").pingPerSecond()).isCloseTo(28_451, within(1.0));
        assertThat(model("virtual-threads").trainReadsPerSecond()).isCloseTo(9_125, within(1.0));
        assertThat(model("reactive").purchasesPerSecond()).isCloseTo(2_991, within(1.0));
        assertThat(model("blocking").secondsToSellOut()).isCloseTo(0.91, within(0.01));
        assertThat(model("reactive").pollsWoken()).isEqualTo(10_000);
        assertThat(model("reactive").rssPerPoll() / 1024).isCloseTo(5.9, within(0.05));
        assertThat(model("virtual-threads").aliveAfterCrowd()).isFalse();
        assertThat(inputs.rowTxPerSecond20()).isCloseTo(20_000 / 6.712, within(1.0));
        assertThat(inputs.redisGetPerSecond()).isCloseTo(87_108.02, within(0.01));
    }

    @Test
    void theSimulatedFlashSaleServesThePurchaseRateAndTheMedianLatencyMeasured() {
        for (MeasuredFigures m : models) {
            SaleModel.Outcome o = CapacityPlan.oneInstance(m, inputs).closed(m.buyers(), m.seats(), m.vus(), 1);
            assertThat(o.sold()).as(m.service()).isEqualTo(m.seats());
            // Weak on its own: the CPU per purchase was derived from this same sale (D = U / X).
            assertThat(o.purchasesPerSecond()).as(m.service()).isCloseTo(m.purchasesPerSecond(), withinPercentage(25));
            assertThat(o.p50()).as(m.service()).isCloseTo(m.saleP50(), withinPercentage(25));
            // Little's law holds inside the simulation: the buyers at a time are its rate times its mean latency.
            assertThat(o.meanInSystem()).as(m.service()).isCloseTo(m.vus(), withinPercentage(5));
        }
    }

    @Test
    void theSimulatedSaleSellsOutSoonerAndHasAShorterTailThanMeasured() {
        // docs/scaling.md: the model leaves out GC pauses, the client's own ramp and the lock held while the service
        // waits for CPU between UPDATE and COMMIT; it predicted 60-81% of the measured sell-out and 49-66% of the p99.
        for (MeasuredFigures m : models) {
            SaleModel.Outcome o = CapacityPlan.oneInstance(m, inputs).closed(m.buyers(), m.seats(), m.vus(), 1);
            assertThat(o.secondsToSellOut()).as(m.service()).isBetween(0.4 * m.secondsToSellOut(), m.secondsToSellOut());
            assertThat(o.p99()).as(m.service()).isBetween(0.4 * m.saleP99(), m.saleP99());
        }
    }

    @Test
    void anMm1QueueAtTheClosedPeakPredictsFarLessThanTheOpenModelMeasured() {
        // The open model's latency at 400 req/s is not queueing for the CPU: docs/scaling.md says what it is.
        for (MeasuredFigures m : models) {
            double mu = m.trainReadsPerSecond();
            assertThat(Queueing.mm1ResponseQuantile(m.openRate(), mu, 0.5)).as(m.service()).isLessThan(m.openP50() / 3);
            assertThat(m.openRate() / mu).as(m.service()).isLessThan(m.openCpuCores() / 3);
        }
    }

    @Test
    void aMillionPollsTakeTheInstancesEachModelHeldItsCrowdWith() {
        assertThat(CapacityPlan.pollsPerInstance(model("reactive"))).isEqualTo(10_000);
        assertThat(CapacityPlan.pollsPerInstance(model("blocking"))).isEqualTo(200);
        assertThat(CapacityPlan.pollsPerInstance(model("virtual-threads"))).isLessThan(model("virtual-threads").pollsHeld());
        assertThat(CapacityPlan.pollsCeiling(model("reactive"))).isGreaterThan(10_000);
    }

    @Test
    void theOneHotRowSetsTheSellOutAndSeatBlocksOnRowsOfTheirOwnLiftIt() {
        MeasuredFigures m = model("blocking");
        int instances = CapacityPlan.saleInstances(m, 1);
        SaleModel.Outcome one = CapacityPlan.fleet(m, inputs, instances, 1)
                .open(CapacityPlan.BUYERS, CapacityPlan.SALE_SECONDS, CapacityPlan.SEATS, 1);
        SaleModel.Outcome sixteen = CapacityPlan.fleet(m, inputs, instances, 16)
                .open(CapacityPlan.BUYERS, CapacityPlan.SALE_SECONDS, CapacityPlan.SEATS, 1);
        assertThat(one.sold()).isEqualTo(CapacityPlan.SEATS);
        assertThat(sixteen.sold()).isEqualTo(CapacityPlan.SEATS);
        // One row: every sale in turn, so the sale lasts as long as the row takes for all the seats.
        assertThat(one.secondsToSellOut()).isCloseTo(CapacityPlan.SEATS / inputs.rowTxPerSecond20(), withinPercentage(10));
        assertThat(sixteen.secondsToSellOut()).isLessThan(one.secondsToSellOut() / 3);
        assertThat(one.refused503()).isGreaterThan(sixteen.refused503());
    }

    @Test
    void thePrintedPlanHasEveryTableDocsScalingMdShows() {
        String plan = CapacityPlan.print(RESULTS, INPUTS);
        assertThat(plan).contains("### Measured per instance", "### The simulation against the measured flash sale",
                "### One million waiting long polls", "### 100,000 seats, ten million buyers",
                "### The same sale with the train's seats split into blocks");
    }
}
