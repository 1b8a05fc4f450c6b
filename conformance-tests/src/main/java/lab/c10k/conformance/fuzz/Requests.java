package lab.c10k.conformance.fuzz;

import lab.c10k.conformance.fuzz.Bodies.Body;
import lab.c10k.conformance.fuzz.Targets.Target;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import static lab.c10k.conformance.fuzz.Gen.weight;

/**
 * Draws the fuzz cases: bad bodies, bad paths and queries, wrong methods, wrong media types, oversized or broken
 * headers and request lines. Requests that could change data carry a body chosen by {@link #bodyFor}, which is
 * invalid wherever a valid one could take a seat or create a train; a DELETE never names a fixture ticket.
 */
public final class Requests {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "CONNECT", "FOO", "get", "delete", "PROPFIND", "QUERY", "M-SEARCH");

    private final Targets targets;
    private final Gen<Body> trains;
    private final Gen<Body> purchases;
    private final Gen<FuzzCase> cases;

    public Requests(Fixture fixture) {
        this.targets = new Targets(fixture);
        this.trains = Bodies.train(fixture.takenCode());
        this.purchases = Bodies.purchase(fixture.takenRequestId());
        Protocol protocol = new Protocol(targets);
        this.cases = Gen.frequency(List.of(
                weight(18, this::trainBody),
                weight(17, this::purchaseBody),
                weight(8, this::sizedBody),
                weight(18, this::pathAndQuery),
                weight(12, this::wrongMethod),
                weight(10, this::mediaType),
                weight(7, random -> protocol.headers(natural(random, targets.any().next(random), "headers"), random)),
                weight(10, protocol::requestLine)));
    }

    /** Case {@code index} of the run with this seed: the same request every time (fixture ids aside). */
    public FuzzCase next(long seed, int index) {
        return cases.next(Gen.forCase(seed, index));
    }

    private FuzzCase trainBody(SplittableRandom random) {
        return post("body: train", new Target("/api/trains", "/api/trains", false, false), random, trains.next(random));
    }

    private FuzzCase purchaseBody(SplittableRandom random) {
        Target target = targets.tickets().next(random);
        return post("body: purchase", target, random, bodyFor(target, random));
    }

    /** Sizes around 16 KiB and far past it, on both endpoints, by Content-Length or chunked. */
    private FuzzCase sizedBody(SplittableRandom random) {
        Target target = random.nextBoolean() ? new Target("/api/trains", "/api/trains", false, false)
                : targets.tickets().next(random);
        return post("body: size", target, random, Transforms.resized(random, bodyFor(target, random)));
    }

    private FuzzCase pathAndQuery(SplittableRandom random) {
        return natural(random, targets.any().next(random), "path and query");
    }

    private FuzzCase wrongMethod(SplittableRandom random) {
        Target target = targets.any().next(random);
        String method = Gen.oneOf(METHODS).next(random);
        if (target.liveTicket() && method.equalsIgnoreCase("DELETE")) {
            method = "PUT";
        }
        FuzzCase request = FuzzCase.of("method", target.route(), method, target.target());
        return random.nextBoolean() || method.equals("HEAD") ? request
                : request.with("Content-Type", "application/json")
                .withBody(bodyFor(target, random).bytes(), random.nextInt(5) == 0);
    }

    private FuzzCase mediaType(SplittableRandom random) {
        Target target = random.nextBoolean() ? new Target("/api/trains", "/api/trains", false, false)
                : targets.tickets().next(random);
        FuzzCase request = FuzzCase.of("media type", target.route(), "POST", target.target());
        byte[] body = random.nextInt(4) == 0 ? latin1(MediaTypes.FOREIGN_BODY.next(random))
                : bodyFor(target, random).bytes();
        return switch (random.nextInt(6)) {
            case 0 -> request.withBody(body, random.nextInt(5) == 0); // no Content-Type at all
            case 1 -> request.with("Content-Type", MediaTypes.WRONG.next(random))
                    .with("Content-Type", MediaTypes.JSON.next(random)).withBody(body, false);
            case 2 -> natural(random, targets.any().next(random), "media type")
                    .with("Accept", MediaTypes.ACCEPT.next(random));
            default -> request.with("Content-Type", MediaTypes.WRONG.next(random))
                    .withBody(body, random.nextInt(5) == 0);
        };
    }

    /** The route's own method (GET, or POST with a body, or DELETE where no fixture ticket can be cancelled). */
    private FuzzCase natural(SplittableRandom random, Target target, String category) {
        boolean posts = target.route().endsWith("/tickets")
                || (target.route().equals("/api/trains") && random.nextBoolean());
        if (posts) {
            return post(category, target, random, bodyFor(target, random));
        }
        boolean deletes = target.route().equals("/api/tickets/{id}") && !target.liveTicket() && random.nextBoolean();
        return FuzzCase.of(category, target.route(), deletes ? "DELETE" : "GET", target.target());
    }

    private FuzzCase post(String category, Target target, SplittableRandom random, Body body) {
        return FuzzCase.of(category, target.route(), "POST", target.target())
                .with("Content-Type", MediaTypes.JSON.next(random)).withBody(body.bytes(), random.nextInt(5) == 0);
    }

    /**
     * A body for any request to this target: a train body anywhere (its code is taken or invalid); a purchase body
     * that might be valid only on the sold-out train, spelled as its own id.
     */
    private Body bodyFor(Target target, SplittableRandom random) {
        boolean train = target.route().equals("/api/trains")
                || (!target.route().endsWith("/tickets") && random.nextBoolean());
        if (train) {
            return trains.next(random);
        }
        return target.soldOutTrain() ? purchases.next(random) : Bodies.breaking(purchases).next(random);
    }

    /** The text's characters as bytes, one each (the foreign bodies are ASCII but for one PNG signature byte). */
    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
