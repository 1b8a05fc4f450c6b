package lab.c10k.conformance.fuzz;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator: a pure function of a seeded random source, so that a case is replayed exactly from its seed.
 * The handful of combinators the fuzzer needs, on the JDK alone ({@code package-info} says why no library).
 */
@FunctionalInterface
public interface Gen<T> {

    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(T... values) {
        List<T> all = List.of(values);
        return random -> all.get(random.nextInt(all.size()));
    }

    static <T> Gen<T> oneOf(List<T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    /** Picks one of the generators with equal weight. */
    @SafeVarargs
    static <T> Gen<T> either(Gen<? extends T>... gens) {
        return random -> gens[random.nextInt(gens.length)].next(random);
    }

    /** Weighted choice: pairs of (weight, generator). */
    static <T> Gen<T> frequency(List<Weighted<? extends T>> choices) {
        int total = choices.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int ticket = random.nextInt(total);
            for (Weighted<? extends T> choice : choices) {
                ticket -= choice.weight();
                if (ticket < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("weights changed while picking");
        };
    }

    static Gen<Integer> between(int min, int max) {
        return random -> random.nextInt(min, max + 1);
    }

    record Weighted<T>(int weight, Gen<T> gen) {
    }

    static <T> Weighted<T> weight(int weight, Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** The random source of case {@code index} of a run: independent of every other case, so any one replays alone. */
    static SplittableRandom forCase(long seed, int index) {
        return new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
    }
}
