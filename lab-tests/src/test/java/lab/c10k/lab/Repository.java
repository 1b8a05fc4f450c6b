package lab.c10k.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the lab's files are: this module runs from lab-tests/, next to the services and the lab's folders. */
final class Repository {

    /** The three services, by module name, which is also their compose service name and their application tag. */
    static final List<String> SERVICES = List.of("blocking-service", "reactive-service", "virtual-thread-service");

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();

    private Repository() {
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    /** This module's target folder, for logs, Prometheus' data and the report. */
    static Path target(String relative) {
        return ROOT.resolve("lab-tests/target").resolve(relative);
    }

    /** The service's packaged jar; fails with what to run when the build has not made it. */
    static Path jar(String module) {
        String version = System.getProperty("lab.services.version", "0.1.0-SNAPSHOT");
        Path jar = ROOT.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": package the services first ("
                    + "./mvnw -B package -DskipTests), then run ./mvnw -B verify -pl lab-tests");
        }
        return jar;
    }
}
