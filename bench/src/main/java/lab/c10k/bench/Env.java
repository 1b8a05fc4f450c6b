package lab.c10k.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * env.json: what a reader needs to repeat a run or to doubt it: machine, kernel, JDK, Spring Boot and every
 * library in each service jar, the tools' versions, JVM flags, CPU pinning, the exact command and the date.
 */
final class Env {

    private Env() {
    }

    static Map<String, Object> collect(Args args) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date", Instant.now().toString());
        env.put("command", args.get("command"));
        env.put("runId", args.get("run-id"));
        env.put("quick", Boolean.parseBoolean(args.get("quick", "false")));
        env.put("rounds", Integer.parseInt(args.get("rounds")));
        env.put("services", List.of(args.get("services").split("\\s+")));
        env.put("scenarios", List.of(args.get("scenario-list").split("\\s+")));
        env.put("gitCommit", run("git", "rev-parse", "HEAD"));
        env.put("gitDirty", !run("git", "status", "--porcelain", "--untracked-files=no").isEmpty());
        env.put("cpuModel", cpuInfo("model name"));
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("memory", memTotal());
        env.put("kernel", read("/proc/sys/kernel/osrelease") + " " + read("/proc/sys/kernel/version"));
        env.put("loadAverageAtStart", read("/proc/loadavg"));
        String java = args.get("java");
        env.put("javaExecutable", java);
        env.put("java", firstLine(run(java, "-version")));
        env.put("javaVersionFull", run(java, "-version"));
        env.put("jvmFlags", args.get("jvm-flags"));
        env.put("serviceCpus", args.get("service-cpus"));
        env.put("clientCpus", args.get("client-cpus"));
        env.put("ulimitNofile", args.get("ulimit"));
        env.put("wrk", firstLine(run("wrk", "--version")));
        env.put("mariadbClient", firstLine(run("mariadb", "--version")));
        env.put("mysqlServer", args.get("mysql-version", ""));
        env.put("redisServer", args.get("redis-version", ""));
        env.put("scenarioFiles", args.get("scenarios"));
        Map<String, Object> jars = new LinkedHashMap<>();
        for (String jar : args.get("jars").split("\\s+")) {
            jars.put(Path.of(jar).getFileName().toString(), jar(jar));
        }
        env.put("serviceJars", jars);
        jars.values().stream().map(m -> ((Map<?, ?>) m).get("springBootVersion")).filter(v -> v != null).findFirst()
                .ifPresent(v -> env.put("springBoot", v));
        return env;
    }

    /** A Boot jar's own Spring Boot version (its manifest) and every library it carries (BOOT-INF/lib). */
    private static Map<String, Object> jar(String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(path)) {
            out.put("springBootVersion", jar.getManifest().getMainAttributes().getValue("Spring-Boot-Version"));
            List<String> libs = new ArrayList<>();
            jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("BOOT-INF/lib/".length())).sorted().forEach(libs::add);
            out.put("libraries", libs);
        } catch (IOException e) {
            out.put("error", e.toString());
        }
        return out;
    }

    private static String cpuInfo(String key) {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    private static String memTotal() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1048576.0);
            }
        }
        return "?";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "unavailable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
