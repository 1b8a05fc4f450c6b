package lab.c10k.common.updates;

import lab.c10k.common.api.TrainUpdate;

/** One published change of a train's stock, and the train's version right after it (bump-version.lua). */
public record StockChange(TrainUpdate update, long version) {
}
