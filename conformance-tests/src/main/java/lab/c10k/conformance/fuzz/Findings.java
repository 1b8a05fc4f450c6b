package lab.c10k.conformance.fuzz;

import lab.c10k.conformance.fuzz.Oracle.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every verdict of a run, tallied: answers by category and status, and wrong answers grouped by what is wrong,
 * the status and the category, with the first few exact requests of each group.
 */
public final class Findings {

    private static final int EXAMPLES = 4;

    private final Map<String, LongAdder> tally = new ConcurrentSkipListMap<>();
    private final Map<String, Group> wrong = new ConcurrentHashMap<>();

    /** The examples are the lowest case numbers, so that a report does not depend on which answer came first. */
    private static final class Group {
        final LongAdder count = new LongAdder();
        final NavigableMap<Integer, Verdict> examples = new TreeMap<>();
    }

    public void add(int index, FuzzCase fuzz, Verdict verdict) {
        tally.computeIfAbsent(fuzz.category() + " " + (verdict.status() < 0 ? "none" : verdict.status()),
                key -> new LongAdder()).increment();
        if (verdict.wrong() != null) {
            String key = verdict.wrong() + " | " + (verdict.status() < 0 ? "no status" : verdict.status() + " "
                    + verdict.contentType()) + " | " + fuzz.category();
            Group group = wrong.computeIfAbsent(key, k -> new Group());
            group.count.increment();
            synchronized (group.examples) {
                group.examples.put(index, verdict);
                if (group.examples.size() > EXAMPLES) {
                    group.examples.pollLastEntry();
                }
            }
        }
    }

    /** Generation itself failed: a bug of the fuzzer, reported like a wrong answer so that it is not lost. */
    public void addBroken(int index, String category, Throwable error) {
        add(index, FuzzCase.of(category, "(fuzzer)", "-", "-"),
                new Verdict("(not generated)", -1, "", "fuzzer error: " + error, String.valueOf(error)));
    }

    public long wrongAnswers() {
        return wrong.values().stream().mapToLong(group -> group.count.sum()).sum();
    }

    /** Answers per category and status, e.g. {@code body: purchase 400=1234}. */
    public String tally() {
        Map<String, Long> counts = new TreeMap<>();
        tally.forEach((key, count) -> counts.put(key, count.sum()));
        return counts.toString();
    }

    /** The groups of wrong answers, largest first, each with its exact example requests and answers. */
    public String report(long seed) {
        StringBuilder report = new StringBuilder(wrongAnswers() + " wrong answer(s) in " + wrong.size()
                + " group(s); seed " + seed + " (replay cases: -Dc10k.fuzz.seed=" + seed
                + " -Dc10k.fuzz.only=<case>,…)");
        wrong.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Group> e) -> -e.getValue().count.sum())
                        .thenComparing(Map.Entry::getKey))
                .forEach(entry -> {
                    report.append("\n\n").append(entry.getValue().count.sum()).append(" × ").append(entry.getKey());
                    entry.getValue().examples.forEach((index, verdict) -> report
                            .append("\n  case ").append(index).append(": ").append(verdict.request())
                            .append("\n    answer: ")
                            .append(Escape.bytes(verdict.answer().getBytes(StandardCharsets.UTF_8), 600)));
                });
        return report.toString();
    }
}
