package lab.c10k.common.api;

import java.time.Instant;

/** What a long poll answers when the stock of its train changes. */
public record TrainUpdate(long trainId, long remaining, Instant at) {
}
