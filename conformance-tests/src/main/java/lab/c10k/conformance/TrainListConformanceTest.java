package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static lab.c10k.conformance.support.Fixtures.TRAINS;
import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.train;
import static lab.c10k.conformance.support.Shapes.assertFields;
import static lab.c10k.conformance.support.Shapes.assertTrain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/trains}: keyset paging by ascending id. Other tests create trains in the same database, so these
 * tests page from just before their own first train and assert on their own trains.
 */
@ConformanceTest
class TrainListConformanceTest {

    @Test
    void walkingOneTrainPerPageVisitsEveryTrainInOrderUntilNextAfterIdIsNull() {
        List<Long> mine = createTrains(3);
        List<Long> seen = new ArrayList<>();
        long afterId = mine.getFirst() - 1;
        JsonNode page;
        do {
            page = page("?limit=1&afterId=" + afterId);
            assertThat(page.path("items")).as("a page before the end").hasSize(1);
            long id = page.path("items").path(0).path("id").asLong();
            seen.add(id);
            if (!page.path("nextAfterId").isNull()) {
                assertThat(page.path("nextAfterId").asLong()).as("nextAfterId is the last id returned").isEqualTo(id);
            }
            afterId = id;
        } while (!page.path("nextAfterId").isNull() && seen.size() < 10_000);

        assertThat(seen).as("ids visited").isSorted().doesNotHaveDuplicates().containsSubsequence(mine);
        assertThat(seen.getFirst()).isEqualTo(mine.getFirst());
        assertThat(page("?afterId=" + afterId)).as("the page after the last train")
                .isEqualTo(page("?afterId=" + Long.MAX_VALUE));
    }

    @Test
    void pagesOfTwoAreOrderedAndChainedByNextAfterId() {
        List<Long> mine = createTrains(5);
        List<Long> seen = new ArrayList<>();
        long afterId = mine.getFirst() - 1;
        while (!seen.contains(mine.getLast())) {
            JsonNode page = page("?limit=2&afterId=" + afterId);
            List<Long> ids = ids(page);
            assertThat(ids).isNotEmpty().hasSizeLessThanOrEqualTo(2).isSorted().doesNotHaveDuplicates();
            assertThat(ids.getFirst()).isGreaterThan(afterId);
            if (!page.path("nextAfterId").isNull()) {
                assertThat(ids).as("a page with more to follow is full").hasSize(2);
                assertThat(page.path("nextAfterId").asLong()).isEqualTo(ids.getLast());
            }
            seen.addAll(ids);
            afterId = ids.getLast();
        }
        assertThat(seen).startsWith(mine.getFirst()).isSorted().containsSubsequence(mine);
    }

    @Test
    void afterIdBeyondTheLastTrainGivesNoItemsAndANullNextAfterId() {
        createTrainId(1);
        JsonNode page = page("?limit=5&afterId=" + Long.MAX_VALUE);

        assertFields(page, "items", "nextAfterId");
        assertThat(page.path("items").isArray()).isTrue();
        assertThat(page.path("items")).isEmpty();
        assertThat(page.path("nextAfterId").isNull()).as("nextAfterId is present and null").isTrue();
    }

    @Test
    void defaultLimitIsTwenty() {
        List<Long> mine = createTrains(21);

        JsonNode page = page("?afterId=" + (mine.getFirst() - 1));

        assertThat(ids(page)).hasSize(20).startsWith(mine.getFirst()).isSorted();
        assertThat(page.path("nextAfterId").asLong()).isEqualTo(ids(page).getLast());
    }

    @Test
    void defaultAfterIdIsZero() {
        createTrainId(1);
        assertThat(page("?limit=3")).isEqualTo(page("?limit=3&afterId=0"));
        assertThat(page("")).isEqualTo(page("?limit=20&afterId=0"));
    }

    @Test
    void itemsAreFullTrainsWithLiveRemaining() {
        long trainId = createTrainId(2);
        buyTicket(trainId);

        JsonNode item = page("?limit=1&afterId=" + (trainId - 1)).path("items").path(0);

        assertTrain(item);
        assertThat(item).isEqualTo(train(trainId));
        assertThat(item.path("remaining").asInt()).isEqualTo(1);
    }

    private static List<Long> createTrains(int count) {
        return IntStream.range(0, count).mapToObj(i -> createTrainId(1)).toList();
    }

    private static JsonNode page(String query) {
        JsonNode page = Api.get(TRAINS + query).expectJson(200);
        assertFields(page, "items", "nextAfterId");
        return page;
    }

    private static List<Long> ids(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("id").asLong()).toList();
    }
}
