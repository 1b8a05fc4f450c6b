package lab.c10k.common.redis;

import java.time.Instant;

import lab.c10k.common.api.TrainUpdate;
import lab.c10k.common.updates.StockChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateMessagesTest {

	@Test
	void aMessageCarriesTheStockTheInstantAndTheVersion() {
		assertThat(UpdateMessages.parse(42, "487:1796160680886:1796160680886305")).isEqualTo(new StockChange(
				new TrainUpdate(42, 487, Instant.ofEpochMilli(1796160680886L)), 1796160680886305L));
	}

	@Test
	void aTrainWithoutAStoredVersionIsAtZero() {
		assertThat(UpdateMessages.version(null)).isZero();
		assertThat(UpdateMessages.version("")).isZero();
		assertThat(UpdateMessages.version("17")).isEqualTo(17);
	}

}
