package lab.c10k.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksTest {

    @Test
    void littlesLawHoldsWhenThroughputTimesLatencyIsTheConcurrency() {
        // 10,000 req/s x 6.4 ms = 64 in flight: exactly the 64 connections.
        assertThat(Checks.littlesLaw(10_000, 0.0064, 64, 0.10).passed()).isTrue();
        // 9.5% short still passes a 10% tolerance, 11% does not.
        assertThat(Checks.littlesLaw(10_000, 0.00579, 64, 0.10).passed()).isTrue();
        assertThat(Checks.littlesLaw(10_000, 0.0057, 64, 0.10).passed()).isFalse();
    }

    @Test
    void littlesLawFailsWhenTheGeneratorKeptFewerRequestsInFlight() {
        // A saturated generator: 256 connections opened, but replies come back as if 100 were in flight.
        Check check = Checks.littlesLaw(20_000, 0.005, 256, 0.10);
        assertThat(check.passed()).isFalse();
        assertThat(check.detail()).contains("100.0 in flight for 256 connections");
    }

    @Test
    void errorRateIsAShareOfAllRequestsAndZeroRequestsIsAFailure() {
        assertThat(Checks.errorRate(1, 1000, 0.001).passed()).isTrue();
        assertThat(Checks.errorRate(2, 1000, 0.001).passed()).isFalse();
        assertThat(Checks.errorRate(0, 0, 0.001).passed()).isFalse();
    }

    @Test
    void auditMustBeConsistentAndSellExactlyTheSeats() {
        Map<String, Object> audit = Map.of("trainId", 1, "capacity", 50, "sold", 50, "confirmedTickets", 50,
                "cancelledTickets", 0, "stock", 0, "consistent", true);
        assertThat(Checks.audit(audit, 50L).passed()).isTrue();
        assertThat(Checks.audit(audit, 49L).passed()).isFalse();
        assertThat(Checks.audit(Map.of("sold", 50, "consistent", false), 50L).passed()).isFalse();
        assertThat(Checks.audit(null, 50L).passed()).isFalse();
    }

    @Test
    void openModelFailsOnAnyDroppedRequestAndOnTooManyLateOnes() {
        assertThat(Checks.onTime(10_000, 0, 10, 10, 0.001).passed()).isTrue();
        assertThat(Checks.onTime(10_000, 1, 0, 10, 0.001).passed()).isFalse();
        assertThat(Checks.onTime(10_000, 0, 11, 10, 0.001).passed()).isFalse();
    }

    @Test
    void clientCpuNearItsCoresMeansTheGeneratorWasTheBottleneck() {
        assertThat(Checks.clientCpu(0.5, 0.9).passed()).isTrue();
        assertThat(Checks.clientCpu(0.95, 0.9).passed()).isFalse();
    }

    @Test
    void warmUpWindowsAgreeWhenTheyDifferByAtMostTheTolerance() {
        assertThat(Checks.change(1000, 1040)).isLessThan(0.05);
        assertThat(Checks.change(1000, 1100)).isGreaterThan(0.05);
        assertThat(Checks.change(0, 0)).isEqualTo(1.0);
    }

    @Test
    void overloadMayShedWith503AndRetryAfterButNothingElse() {
        assertThat(Checks.onlyShedding("3x", 0, 1000).passed()).isTrue();
        assertThat(Checks.onlyShedding("3x", 1, 1000).passed()).isFalse();
        assertThat(Checks.retryAfter("3x", 0, 600).passed()).isTrue();
        assertThat(Checks.retryAfter("3x", 1, 600).detail()).contains("1 of 600 503s");
        assertThat(Checks.retryAfter("3x", 1, 600).passed()).isFalse();
    }

    @Test
    void afterSheddingTheAuditSoldTheAnswered201sAndAtMostThoseOfUnknownFate() {
        Map<String, Object> audit = Map.of("sold", 105, "consistent", true);
        assertThat(Checks.auditAfterShedding("burst", audit, 100, 5).passed()).isTrue();
        assertThat(Checks.auditAfterShedding("burst", audit, 100, 4).passed()).as("a 503 sold a seat").isFalse();
        assertThat(Checks.auditAfterShedding("burst", audit, 106, 0).passed()).as("a 201 sold nothing").isFalse();
        assertThat(Checks.auditAfterShedding("burst", Map.of("sold", 100, "consistent", false), 100, 0).passed())
                .isFalse();
        assertThat(Checks.auditAfterShedding("burst", null, 0, 0).passed()).isFalse();
    }

    @Test
    void aServiceRecoveredWhenItRunsAndSellsAgain() {
        Map<String, Object> sold = Map.of("recovered", true, "attempts", 2, "maxAttempts", 10, "outcomes", "[503, 201]");
        assertThat(Checks.recovered("2x", true, sold).passed()).isTrue();
        assertThat(Checks.recovered("2x", false, sold).passed()).isFalse();
        assertThat(Checks.recovered("2x", true, Map.of("recovered", false, "attempts", 10, "maxAttempts", 10,
                "outcomes", "[503]")).passed()).isFalse();
    }
}
