package lab.c10k.common.api;

import java.util.List;

/** One page of the keyset listing; {@code nextAfterId} is null when no train follows. */
public record TrainPage(List<Train> items, Long nextAfterId) {
}
