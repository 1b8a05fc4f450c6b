package lab.c10k.conformance.fuzz;

import lab.c10k.conformance.fuzz.JsonText.Member;
import lab.c10k.conformance.fuzz.JsonText.Part;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Request bodies for the two endpoints that take one. None can change data: a train body carries a code that is
 * taken or invalid; a purchase body either surely breaks the contract or goes to a sold-out train (the caller
 * routes it by {@link Body#breaksContract()}), and never names the passenger of an earlier ticket.
 */
final class Bodies {

    /** 16 KiB: the contract's body limit. */
    static final int LIMIT = 16 * 1024;

    record Body(byte[] bytes, boolean breaksContract) {
    }

    private record Field(String name, Part value) {
    }

    private Bodies() {
    }

    static Gen<Body> train(String takenCode) {
        Part taken = new Part(JsonText.string(takenCode, false), false);
        return random -> shape(random, List.of(
                new Field("code", random.nextInt(3) == 0 ? Fields.BAD_CODE.next(random) : taken),
                new Field("origin", Fields.TEXT.next(random)),
                new Field("destination", Fields.TEXT.next(random)),
                new Field("departsAt", Fields.DEPARTS_AT.next(random)),
                new Field("capacity", Fields.CAPACITY.next(random))));
    }

    /** A purchase: a valid requestId is either the taken one (with another passenger: a conflict) or a fresh one. */
    static Gen<Body> purchase(String takenRequestId) {
        Gen<Part> validId = Gen.either(Gen.constant(takenRequestId), Fields.uuid())
                .map(id -> new Part(JsonText.string(id, false), false));
        return random -> shape(random, List.of(
                new Field("passenger", Fields.TEXT.next(random)),
                new Field("requestId", random.nextInt(3) == 0 ? Fields.badRequestId().next(random)
                        : validId.next(random))));
    }

    /** A body that surely breaks the contract, whatever else it is: for targets where a valid one could sell a seat. */
    static Gen<Body> breaking(Gen<Body> bodies) {
        return random -> {
            Body body;
            do {
                body = bodies.next(random);
            } while (!body.breaksContract());
            return body;
        };
    }

    /** Drops, adds, repeats and reorders members, then maybe breaks or resizes the text; tracks validity exactly. */
    private static Body shape(SplittableRandom random, List<Field> fields) {
        boolean breaks = false;
        List<Member> members = new ArrayList<>();
        for (Field field : fields) {
            if (random.nextInt(12) == 0) {
                breaks = true; // a required member is missing
                continue;
            }
            members.add(member(field.name(), field.value()));
            breaks |= field.value().breaksContract();
        }
        for (int extra = random.nextInt(4); extra > 0; extra--) {
            Part value = Fields.UNKNOWN.next(random);
            members.add(member(random.nextBoolean() ? "note" : Texts.ODD.next(random), value));
            breaks |= value.breaksContract();
        }
        if (!members.isEmpty() && random.nextInt(15) == 0) {
            members.add(members.get(random.nextInt(members.size())));
            breaks = true; // a repeated key
        }
        Collections.shuffle(members, random);
        return Transforms.apply(random, new Body(JsonText.object(members), breaks));
    }

    private static Member member(String name, Part value) {
        return new Member(JsonText.string(name, false), value.bytes());
    }
}
