package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpRequest.BodyPublisher;

import static lab.c10k.conformance.support.Fixtures.TRAINS;
import static lab.c10k.conformance.support.Fixtures.audit;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.postTrain;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.Fixtures.trainBody;
import static lab.c10k.conformance.support.Fixtures.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;

/** An endpoint that takes a JSON body, set up fresh for one test, with a way to prove a rejection changed nothing. */
interface BodyTarget {

    enum Kind {
        CREATE_TRAIN, BUY_TICKET;

        BodyTarget fresh() {
            return this == CREATE_TRAIN ? new NewTrain(uniqueCode()) : new Purchase(createTrainId(1));
        }
    }

    String path();

    ObjectNode validBody();

    void assertNothingChanged();

    default Reply post(BodyPublisher body, String... headers) {
        return Api.post(path(), body, headers);
    }

    record NewTrain(String code) implements BodyTarget {

        public String path() {
            return TRAINS;
        }

        public ObjectNode validBody() {
            return trainBody(code, 5);
        }

        /** Had anything been stored, the code would now be taken. */
        public void assertNothingChanged() {
            postTrain(validBody()).expectJson(201);
        }
    }

    record Purchase(long trainId) implements BodyTarget {

        public String path() {
            return ticketsPath(trainId);
        }

        public ObjectNode validBody() {
            return purchaseBody("Lao Wang", newRequestId());
        }

        public void assertNothingChanged() {
            JsonNode audit = audit(trainId);
            assertThat(audit.path("sold").asInt()).as("sold after a rejected purchase").isZero();
            assertThat(audit.path("stock").asInt()).as("stock after a rejected purchase").isEqualTo(1);
        }
    }
}
