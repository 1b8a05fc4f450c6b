package lab.c10k.common.redis;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import lab.c10k.common.api.CachedTrain;
import lab.c10k.common.api.Train;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CachedTrainReadTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final CachedTrain G101 = new CachedTrain(7, "G101", "Beijing", "Shanghai",
			Instant.parse("2026-12-01T08:00:00Z"), 500);

	@Test
	void readsTheFieldsThenTheStock() {
		List<String> keys = CachedTrainRead.keys(new RedisKeys("c10k:"), 7);

		assertThat(keys).containsExactly("c10k:train:{7}:cache", "c10k:train:{7}:stock");
		assertThat(CachedTrainRead.train(List.of(JSON.writeValueAsString(G101), "488"), JSON))
			.isEqualTo(new Train(7, "G101", "Beijing", "Shanghai", Instant.parse("2026-12-01T08:00:00Z"), 500, 488));
	}

	@Test
	void aMissingFieldOrStockIsNoTrain() {
		assertThat(CachedTrainRead.train(Arrays.asList(null, "488"), JSON)).isNull();
		assertThat(CachedTrainRead.train(Arrays.asList(JSON.writeValueAsString(G101), null), JSON)).isNull();
		assertThat(CachedTrainRead.train(null, JSON)).isNull();
	}

}
