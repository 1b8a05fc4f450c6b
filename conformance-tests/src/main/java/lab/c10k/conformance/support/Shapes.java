package lab.c10k.conformance.support;

import tools.jackson.databind.JsonNode;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact shapes of the contract's resources: the same field names, no more, no fewer, in every service. */
public final class Shapes {

    /** ISO-8601 UTC with a {@code Z}; a fraction, when there is one, is exactly milliseconds. */
    public static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z");

    private Shapes() {
    }

    public static void assertFields(JsonNode node, String... names) {
        assertThat(node.propertyNames()).as("fields of %s", node).containsExactlyInAnyOrder(names);
    }

    public static void assertInstant(JsonNode node, String field) {
        assertThat(node.path(field).isString()).as("%s of %s is a string", field, node).isTrue();
        assertThat(node.path(field).asString()).as("%s of %s", field, node).matches(INSTANT);
    }

    public static void assertPositiveId(JsonNode node, String field) {
        assertThat(node.path(field).isIntegralNumber()).as("%s of %s is an integer", field, node).isTrue();
        assertThat(node.path(field).asLong()).as("%s of %s", field, node).isPositive();
    }

    public static void assertTrain(JsonNode train) {
        assertFields(train, "id", "code", "origin", "destination", "departsAt", "capacity", "remaining");
        assertPositiveId(train, "id");
        assertInstant(train, "departsAt");
        assertThat(train.path("capacity").isIntegralNumber()).as("capacity of %s", train).isTrue();
        assertThat(train.path("remaining").asLong()).as("remaining of %s", train)
                .isBetween(0L, train.path("capacity").asLong());
    }

    public static void assertTicket(JsonNode ticket) {
        assertFields(ticket, "id", "trainId", "passenger", "requestId", "status", "createdAt");
        assertPositiveId(ticket, "id");
        assertPositiveId(ticket, "trainId");
        assertInstant(ticket, "createdAt");
        assertThat(ticket.path("status").asString()).as("status of %s", ticket).isIn("CONFIRMED", "CANCELLED");
    }
}
