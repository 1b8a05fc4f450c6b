package lab.c10k;

import lab.c10k.devservers.Service;

/**
 * {@code ./mvnw -pl blocking-service validate spring-boot:test-run}: the service as deployed, on the MySQL and Redis that
 * answer at MYSQL_HOST/PORT and REDIS_HOST/PORT (default 127.0.0.1), or on embedded ones started for it when
 * nothing answers and none was configured.
 */
final class LocalBlockingService {

    private LocalBlockingService() {
    }

    public static void main(String[] args) {
        Service.run(BlockingServiceApplication::main, args);
    }
}
