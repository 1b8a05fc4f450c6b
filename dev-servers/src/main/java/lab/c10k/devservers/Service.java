package lab.c10k.devservers;

import java.util.function.Consumer;

/**
 * Runs a service on its own with the servers {@link DevServers} picks, for its {@code spring-boot:test-run}: their
 * addresses go in as the system properties its application.yaml reads ({@code MYSQL_HOST}, {@code MYSQL_PORT},
 * {@code REDIS_HOST}, {@code REDIS_PORT}), so the service's code and configuration stay exactly as deployed.
 */
public final class Service {

    private Service() {
    }

    public static void run(Consumer<String[]> main, String[] args) {
        DevServers servers = DevServers.resolve("", System::getenv, System.out::println, DevServers.embeddedAskedFor());
        System.setProperty("MYSQL_HOST", servers.mysql().host());
        System.setProperty("MYSQL_PORT", String.valueOf(servers.mysql().port()));
        System.setProperty("REDIS_HOST", servers.redis().host());
        System.setProperty("REDIS_PORT", String.valueOf(servers.redis().port()));
        main.accept(args);
    }
}
