package lab.c10k.conformance.fuzz;

import java.util.List;
import java.util.SplittableRandom;

import static lab.c10k.conformance.fuzz.Gen.weight;

/**
 * Request targets (raw path and query) on every route of the contract and around it. Each says whether a valid
 * purchase would be harmless there (the sold-out train, spelled as its own id) and whether a DELETE could cancel a
 * fixture ticket, so that {@link Requests} never sends a request that could change data if it were accepted.
 */
record Targets(Fixture fixture) {

    record Target(String route, String target, boolean soldOutTrain, boolean liveTicket) {
    }

    private record Id(String text, boolean soldOut, boolean live) {
    }

    Gen<Target> any() {
        return Gen.frequency(List.of(
                weight(1, junkQuery().map(q -> new Target("/api/ping", "/api/ping" + q, false, false))),
                weight(3, listQuery().map(q -> new Target("/api/trains", "/api/trains" + q, false, false))),
                weight(3, random -> onTrain(random, "", junkQuery())),
                weight(4, random -> onTrain(random, "/tickets", junkQuery())),
                weight(3, random -> onTrain(random, "/updates", waitQuery())),
                weight(2, random -> onTrain(random, "/audit", junkQuery())),
                weight(3, random -> {
                    Id id = ticketId(random);
                    return new Target("/api/tickets/{id}", "/api/tickets/" + id.text() + junkQuery().next(random),
                            false, id.live());
                }),
                weight(2, unknownPath().map(path -> new Target("(no route)", path, false, false)))));
    }

    /** {@code POST /api/trains/{id}/tickets} on any spelling of any train id. */
    Gen<Target> tickets() {
        return random -> onTrain(random, "/tickets", junkQuery());
    }

    private Target onTrain(SplittableRandom random, String suffix, Gen<String> query) {
        Id id = trainId(random);
        return new Target("/api/trains/{id}" + suffix, "/api/trains/" + id.text() + suffix + query.next(random),
                id.soldOut(), false);
    }

    /** A fixture train spelled as itself or wrongly, a missing train, or junk. */
    private Id trainId(SplittableRandom random) {
        long train = Gen.oneOf(fixture.trains()).next(random);
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> new Id(Ids.same(train).next(random), train == fixture.soldOutTrain(), false);
            case 4, 5, 6 -> new Id(Ids.wrong(train).next(random), false, false);
            case 7 -> new Id(Ids.same(Ids.MISSING.next(random)).next(random), false, false);
            default -> new Id(Ids.JUNK.next(random), false, false);
        };
    }

    private Id ticketId(SplittableRandom random) {
        long ticket = Gen.oneOf(fixture.tickets()).next(random);
        return switch (random.nextInt(9)) {
            case 0, 1 -> new Id(Ids.same(ticket).next(random), false, true);
            case 2, 3, 4 -> new Id(Ids.wrong(ticket).next(random), false, false);
            case 5 -> new Id(Ids.same(Ids.MISSING.next(random)).next(random), false, false);
            default -> new Id(Ids.JUNK.next(random), false, false);
        };
    }

    /** {@code limit} and {@code afterId}, valid or not, repeated, bare, or among unknown parameters. */
    private Gen<String> listQuery() {
        Gen<String> limit = Gen.either(Gen.oneOf("1", "20", "100", "0005", "%31%30%30"),
                Gen.oneOf("0", "101", "-1"), Ids.wrong(5), Ids.JUNK);
        Gen<String> afterId = Gen.either(
                Gen.oneOf("0", Long.toString(fixture.soldOutTrain() - 1), Long.toString(Long.MAX_VALUE)),
                Gen.oneOf("-1", "-0"), Ids.wrong(fixture.soldOutTrain()), Ids.JUNK);
        Gen<String> parameter = Gen.either(limit.map(v -> "limit=" + v), afterId.map(v -> "afterId=" + v),
                Gen.oneOf("limit", "afterId", "=5", "", "LIMIT=5", "limit%3D5"), junkParameter());
        return query(parameter, 0, 4);
    }

    /** Always a {@code waitMs}: a valid one is short, so that no poll outlasts the client's timeout. */
    private Gen<String> waitQuery() {
        Gen<String> waitMs = Gen.either(Gen.oneOf("0", "1", "50", "000", "%30"),
                Gen.oneOf("-1", "30001", "+5", "1e3", "-0", "0.5", ""), Ids.wrong(10), Ids.JUNK);
        return random -> "?waitMs=" + waitMs.next(random) + query(Gen.either(
                waitMs.map(v -> "waitMs=" + v), junkParameter()), 0, 2).next(random).replaceFirst("^\\?", "&");
    }

    private Gen<String> junkQuery() {
        return random -> random.nextInt(4) == 0 ? query(junkParameter(), 1, 3).next(random) : "";
    }

    private static Gen<String> junkParameter() {
        return Gen.either(
                random -> Ids.percentEncode(Texts.ODD.next(random)) + "=" + Ids.percentEncode(Texts.ODD.next(random)),
                Gen.oneOf("a=1&a=2", "=", "&", "x=%00", "x=%C3%28", "x=%FF"),
                Gen.between(1000, 12000).map(n -> "x=" + "y".repeat(n)));
    }

    private static Gen<String> query(Gen<String> parameter, int min, int max) {
        return random -> {
            int count = random.nextInt(min, max + 1);
            StringBuilder query = new StringBuilder();
            for (int i = 0; i < count; i++) {
                query.append(i == 0 ? "?" : "&").append(parameter.next(random));
            }
            return query.toString();
        };
    }

    /** Near misses of the routes: trailing or doubled slashes, case, dot segments, suffixes, Boot's own /error. */
    private Gen<String> unknownPath() {
        String a = Long.toString(fixture.soldOutTrain());
        return Gen.either(
                Gen.oneOf("/", "/api", "/api/", "/api/trains/", "/api/tickets", "/api/tickets/", "/api/ping/",
                        "/api/pingx", "//api/trains", "/api//trains", "/API/TRAINS", "/api/Trains", "/api/trains/" + a
                                + "/", "/api/trains/" + a + "/seats", "/api/trains/" + a + "/tickets/1",
                        "/api/trains/" + a + "/../" + a, "/api/./trains", "/api/trains/%2e%2e/" + a,
                        "/api/trains/" + a + "%2Faudit", "/api/trains;x=y", "/api/trains.json", "/index.html",
                        "/favicon.ico", "/error", "/error/", "/actuator/../api/ping",
                        "/api/trains/" + a + "/tickets%00"),
                Texts.ODD.map(text -> "/" + Ids.percentEncode(text)),
                Gen.between(1000, 20000).map(n -> "/api/" + "x".repeat(n)),
                Gen.between(100, 3000).map(n -> "/api/trains/" + "a/".repeat(n)));
    }
}
