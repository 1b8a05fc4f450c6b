/**
 * Generated bad input for the whole contract: {@link lab.c10k.conformance.fuzz.Requests} draws one request per
 * case from a seeded {@link java.util.SplittableRandom}, so a run is reproducible from its seed and any single case
 * from its seed and index ({@code -Dc10k.fuzz.seed}, {@code -Dc10k.fuzz.requests}).
 * <p>
 * The generators are plain functions ({@link lab.c10k.conformance.fuzz.Gen}) rather than jqwik's: jqwik 1.10 asks
 * not to be used by AI coding agents (its "Anti-AI Usage Clause"), which wrote this suite, and is built on JUnit
 * Platform 1.x while the services run JUnit 6. Nothing here shrinks; every failure prints the exact bytes sent.
 * <p>
 * Requests that could change data are invalid by construction (a taken train code, a sold-out train, a malformed
 * field or body), so the fuzz test can demand that the data it snapshots is unchanged afterwards.
 */
package lab.c10k.conformance.fuzz;
