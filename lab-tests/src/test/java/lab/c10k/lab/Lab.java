package lab.c10k.lab;

import lab.c10k.conformance.support.RunNamespace;
import lab.c10k.conformance.support.TestServers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab of docker-compose.yml without Docker: the three services from their jars, each on its own database and
 * Redis key prefix, and a Prometheus that scrapes them with the repository's config. Closing it stops every process
 * it started (a JVM shutdown hook does the same should the test JVM be stopped first) and drops the data.
 */
final class Lab implements AutoCloseable {

    /** Generous: on a loaded shared machine three Spring Boot starts at once take minutes. */
    private static final Duration START_BOUND = Duration.ofMinutes(6);

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<RunNamespace> namespaces = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "lab-shutdown");
    private Prometheus prometheus;
    private boolean closed;

    private Lab() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static Lab start() {
        // Everything the lab needs is checked before anything starts, so a missing jar fails in a second.
        Repository.SERVICES.forEach(Repository::jar);
        Prometheus.requireOne();
        Lab lab = new Lab();
        try {
            TestServers.Both servers = TestServers.get();
            for (String module : Repository.SERVICES) {
                RunNamespace namespace = RunNamespace.create(servers);
                lab.namespaces.add(namespace);
                lab.services.put(module, ServiceProcess.start(module, Ports.free(), namespace));
            }
            lab.services.values().forEach(service -> service.awaitHealthy(START_BOUND));
            Map<String, Integer> targets = new LinkedHashMap<>();
            lab.services.forEach((module, service) -> targets.put(module + ":8080", service.baseUri().getPort()));
            lab.prometheus = Prometheus.start(Files.readString(Repository.file("prometheus/prometheus.yml")), targets);
            return lab;
        } catch (IOException e) {
            lab.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    Map<String, ServiceProcess> services() {
        return services;
    }

    Prometheus prometheus() {
        return prometheus;
    }

    /** Waits until Prometheus has scraped every service at least {@code scrapes} times since {@code since}. */
    void awaitScrapesSince(Instant since, int scrapes) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (String service : services.keySet()) {
            while (!(prometheus.scalar(scrapesOf(service, since)) >= scrapes)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Prometheus did not scrape " + service + " " + scrapes
                            + " times since " + since + " (see its /api/v1/targets)");
                }
                Processes.pause(Duration.ofMillis(500));
            }
        }
    }

    /** Counts the samples of {@code up} in a window that starts no earlier than {@code since}. */
    private static String scrapesOf(String service, Instant since) {
        long seconds = Math.max(1, Duration.between(since, Instant.now()).toSeconds());
        return "count_over_time(up{job=\"" + service + "\"}[" + seconds + "s])";
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: nothing left to remove.
        }
    }

    /** Prometheus, then every service at once (SIGTERM to all, then each waited for), then their data. */
    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        List<AutoCloseable> steps = new ArrayList<>();
        if (prometheus != null) {
            steps.add(prometheus);
        }
        services.values().forEach(ServiceProcess::signalStop);
        steps.addAll(services.values());
        steps.addAll(namespaces);
        for (AutoCloseable step : steps) {
            try {
                step.close();
            } catch (Exception e) {
                failures.add(new IllegalStateException("Could not close " + step, e));
            }
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.getFirst()::addSuppressed);
            throw failures.getFirst();
        }
    }
}
