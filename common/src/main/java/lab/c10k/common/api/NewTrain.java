package lab.c10k.common.api;

import java.time.Instant;

/** A validated request to create a train: text already stripped, {@code departsAt} already in UTC millis. */
public record NewTrain(String code, String origin, String destination, Instant departsAt, int capacity) {
}
