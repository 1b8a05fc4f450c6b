package lab.c10k.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reactor as the parent pom lists it: which modules are the services, and the project's version. */
final class Modules {

    private Modules() {
    }

    /** Every module of the parent pom, in its order. */
    static List<String> all() {
        List<String> modules = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(RepositoryFiles.read("pom.xml"));
        while (module.find()) {
            modules.add(module.group(1));
        }
        return modules;
    }

    /** The modules that package a Spring Boot application: the three models, in the parent pom's order. */
    static List<String> services() {
        return all().stream().filter(module -> RepositoryFiles.read(module + "/pom.xml")
                .contains("<artifactId>spring-boot-maven-plugin<")).toList();
    }

    static String projectVersion() {
        Matcher version = Pattern.compile("<artifactId>c10k-lab</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(RepositoryFiles.read("pom.xml"));
        if (!version.find()) {
            throw new IllegalStateException("No version of c10k-lab in pom.xml");
        }
        return version.group(1);
    }
}
