package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Json;
import lab.c10k.conformance.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest.BodyPublishers;

import static lab.c10k.conformance.support.Fixtures.TRAINS;
import static lab.c10k.conformance.support.Fixtures.listedTrain;
import static lab.c10k.conformance.support.Fixtures.postTrain;
import static lab.c10k.conformance.support.Fixtures.train;
import static lab.c10k.conformance.support.Fixtures.trainBody;
import static lab.c10k.conformance.support.Fixtures.uniqueCode;
import static lab.c10k.conformance.support.Problems.DUPLICATE_TRAIN;
import static lab.c10k.conformance.support.Problems.assertProblem;
import static lab.c10k.conformance.support.Shapes.assertTrain;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/trains} with valid bodies: what is answered, what is stored, and how values are normalised. */
@ConformanceTest
class TrainCreationConformanceTest {

    @Test
    void createAnswers201WithLocationAndTheTrainWithAllSeatsRemaining() {
        ObjectNode body = trainBody(uniqueCode(), 500);

        Reply reply = postTrain(body);

        JsonNode created = reply.expectJson(201);
        assertTrain(created);
        long id = created.path("id").asLong();
        assertThat(reply.header("Location")).contains(TRAINS + "/" + id);
        assertThat(created).isEqualTo(Json.parse(Json.write(body.deepCopy().put("id", id).put("remaining", 500))));
        assertThat(train(id)).as("the stored train").isEqualTo(created);
        assertThat(listedTrain(id)).as("the listed train").isEqualTo(created);
    }

    @ParameterizedTest(name = "capacity {0} is accepted")
    @ValueSource(ints = {1, 100_000})
    void capacityBoundsAreInclusive(int capacity) {
        JsonNode created = postTrain(trainBody(uniqueCode(), capacity)).expectJson(201);
        assertThat(created.path("remaining").asInt()).isEqualTo(capacity);
    }

    @Test
    void codesOfOneAndSixteenCharactersOfTheAlphabetAreAccepted() {
        String sixteen = (uniqueCode() + "-0123456789ABCDEF").substring(0, 16);
        assertThat(postTrain(trainBody(sixteen, 5)).expectJson(201).path("code").asString()).isEqualTo(sixteen);
        assertThat(createSingleCharacterCode()).as("some one-character code was free and accepted").isTrue();
    }

    /** Only 37 one-character codes exist and a rerun in the same database may have used some: try until one is free. */
    private static boolean createSingleCharacterCode() {
        for (char code : "Z9Y8X7W6-".toCharArray()) {
            Reply reply = postTrain(trainBody(String.valueOf(code), 5));
            if (reply.status() != 409) {
                return reply.expectJson(201).path("code").asString().equals(String.valueOf(code));
            }
            assertProblem(reply, 409, DUPLICATE_TRAIN);
        }
        return false;
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode body = trainBody(uniqueCode(), 5);
        body.put("colour", "green").putArray("stops").add("Nanjing");
        body.putObject("id").put("forged", true);

        JsonNode created = postTrain(body).expectJson(201);

        assertTrain(created);
        assertThat(created.path("code").asString()).isEqualTo(body.path("code").asString());
    }

    @Test
    void jsonWithCharsetParameterIsAccepted() {
        String body = Json.write(trainBody(uniqueCode(), 5).put("origin", "Zürich"));
        Reply reply = Api.post(TRAINS, BodyPublishers.ofString(body), "Content-Type", "application/json; charset=UTF-8");
        assertThat(reply.expectJson(201).path("origin").asString()).isEqualTo("Zürich");
    }

    @Test
    void anExistingCodeIsADuplicateAndLeavesTheFirstTrainAsItWas() {
        String code = uniqueCode();
        JsonNode first = postTrain(trainBody(code, 5)).expectJson(201);

        assertProblem(postTrain(trainBody(code, 9).put("origin", "Xi'an")), 409, DUPLICATE_TRAIN);

        assertThat(train(first.path("id").asLong())).isEqualTo(first);
    }
}
