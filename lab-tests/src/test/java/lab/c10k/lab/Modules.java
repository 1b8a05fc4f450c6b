package lab.c10k.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reactor as the parent pom lists it: which modules are the services, and the project's version. */
final class Modules {

    private Modules() {
    }

    /** The modules that package a Spring Boot application: the three models, in the parent pom's order. */
    static List<String> services() {
        List<String> services = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(RepositoryFiles.read("pom.xml"));
        while (module.find()) {
            if (RepositoryFiles.read(module.group(1) + "/pom.xml").contains("<artifactId>spring-boot-maven-plugin<")) {
                services.add(module.group(1));
            }
        }
        return services;
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
